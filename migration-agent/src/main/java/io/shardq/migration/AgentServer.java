package io.shardq.migration;

import static java.util.Objects.requireNonNull;

import io.shardq.common.http.NettyServer;
import io.shardq.migration.copy.CopyJobs;
import io.shardq.migration.copy.CopyRoutes;
import io.shardq.migration.http.AgentHandler;
import io.shardq.migration.http.AgentHttpInitializer;
import io.shardq.migration.http.ErrorMapper;
import io.shardq.migration.http.Route;
import io.shardq.migration.http.Router;
import io.shardq.migration.reconcile.ReconcileRoutes;
import io.shardq.migration.transfer.FenceRoutes;
import io.shardq.migration.transfer.QueueListRoutes;
import io.shardq.migration.transfer.TransferRoutes;
import io.shardq.partition.storage.Storage;
import java.util.ArrayList;
import java.util.List;

/**
 * A migration agent: the HTTP routes of docs/MIGRATION_AGENT.md over one partition's {@link Storage}, and
 * the background copies it runs. {@link #stop()} cancels the copies and closes the listener, not the storage
 * (whoever opened it closes it).
 */
public final class AgentServer {

    /** Largest request body (an import page), in bytes: 256 MiB; larger ones get 413. */
    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final NettyServer server;
    private final CopyJobs copies;
    private final ReconcileRoutes reconcile;
    private final String host;

    private AgentServer(NettyServer server, CopyJobs copies, ReconcileRoutes reconcile, String host) {
        this.server = server;
        this.copies = copies;
        this.reconcile = reconcile;
        this.host = host;
    }

    /**
     * Binds {@code host:port} (0 = any free port).
     *
     * @param token bearer token required from clients and sent to destination agents, or {@code null}
     */
    public static AgentServer start(Storage storage, String host, int port, String token) throws InterruptedException {
        requireNonNull(storage, "storage");
        CopyJobs copies = new CopyJobs(storage, token);
        ReconcileRoutes reconcile = new ReconcileRoutes(storage);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new TransferRoutes(storage.transfer()).routes());
        routes.addAll(new QueueListRoutes(storage.transfer()).routes());
        routes.addAll(reconcile.routes());
        routes.addAll(new FenceRoutes(storage.fences()).routes());
        routes.addAll(new CopyRoutes(copies).routes());
        AgentHandler handler = new AgentHandler(new Router(routes), new ErrorMapper(), token);
        try {
            NettyServer server = NettyServer.bind("agent", host, port, 0,
                    new AgentHttpInitializer(handler, DEFAULT_MAX_BODY_BYTES));
            return new AgentServer(server, copies, reconcile, host);
        } catch (InterruptedException | RuntimeException e) {
            copies.close();
            reconcile.close();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    /** {@code http://HOST:PORT}, the base URL other agents and the coordinator use. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    public void stop() {
        copies.close();
        server.stop(2_000);
        reconcile.close();
    }
}
