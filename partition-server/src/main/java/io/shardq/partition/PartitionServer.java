package io.shardq.partition;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import io.shardq.common.http.NettyServer;
import io.shardq.common.metrics.PrometheusText;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.partition.catalogue.CatalogueSourceHandler;
import io.shardq.partition.claims.ClaimsHandler;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.fences.FencesHandler;
import io.shardq.partition.health.HealthHandler;
import io.shardq.partition.health.HomeHandler;
import io.shardq.partition.http.Dispatcher;
import io.shardq.partition.http.ErrorMapper;
import io.shardq.partition.http.FenceGuard;
import io.shardq.partition.http.PartitionHttpInitializer;
import io.shardq.partition.http.RequestHandler;
import io.shardq.partition.http.Route;
import io.shardq.partition.http.RouteMetrics;
import io.shardq.partition.http.Router;
import io.shardq.partition.messages.MessagesHandler;
import io.shardq.partition.queues.QueueStatsHandler;
import io.shardq.partition.queues.QueuesHandler;
import io.shardq.partition.queues.ReservedMetadata;
import io.shardq.partition.storage.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One partition-server node: the public queue API listener and the admin listener over one storage.
 * {@link #start()} binds both; {@link #stop()} closes them, then the storage, in reverse order.
 */
public final class PartitionServer {

    private final PartitionServerConfig config;
    private final Storage storage;
    private final Clock clock;
    private final MetricRegistry metrics;
    private NettyServer publicServer;
    private NettyServer adminServer;

    public PartitionServer(PartitionServerConfig config, Storage storage, Clock clock, MetricRegistry metrics) {
        this.config = requireNonNull(config, "config");
        this.storage = requireNonNull(storage, "storage");
        this.clock = requireNonNull(clock, "clock");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    public synchronized PartitionServer start() throws InterruptedException {
        ErrorMapper errors = new ErrorMapper();
        RequestHooks hooks = new RequestHooks(config.limits().clientIdPolicy());
        List<Route> publicRoutes = new FenceGuard(storage.fences(), errors).guard(publicRoutes());
        List<Route> adminRoutes = adminRoutes();
        List<Route> all = new ArrayList<>(publicRoutes);
        all.addAll(adminRoutes);
        RouteMetrics routeMetrics = new RouteMetrics(metrics, all);
        publicServer = bind("public", config.publicApi().host(), config.publicApi().port(),
                new Dispatcher(Router.versioned().add(publicRoutes), hooks, errors, routeMetrics), errors);
        adminServer = bind("admin", config.admin().host(), config.admin().port(),
                new Dispatcher(Router.unversioned().add(adminRoutes), hooks, errors, routeMetrics), errors);
        return this;
    }

    private List<Route> publicRoutes() {
        ReservedMetadata reserved = new ReservedMetadata(config.limits());
        QueuesHandler queues = new QueuesHandler(storage.queues(), config.limits(), reserved);
        QueueStatsHandler stats = new QueueStatsHandler(storage.queues(), storage.messages(), clock);
        MessagesHandler messages = new MessagesHandler(storage.queues(), storage.messages(), config.limits(), clock);
        ClaimsHandler claims = new ClaimsHandler(storage.queues(), storage.claims(), storage.fences(), config.limits(),
                clock);
        HomeHandler home = new HomeHandler(storage);
        List<Route> routes = new ArrayList<>();
        routes.add(home.versions());
        for (ApiVersion version : ApiVersion.values()) {
            routes.addAll(home.routes(version));
            routes.addAll(queues.routes(version));
            routes.addAll(stats.routes(version));
            routes.addAll(messages.routes(version));
            routes.addAll(claims.routes(version));
        }
        return routes;
    }

    private List<Route> adminRoutes() {
        List<Route> routes = new ArrayList<>(new HealthHandler(storage, new PrometheusText(metrics)).routes());
        routes.addAll(new FencesHandler(storage.fences()).routes());
        routes.addAll(new CatalogueSourceHandler(storage.transfer()).routes());
        return routes;
    }

    private NettyServer bind(String name, String host, int port, Dispatcher dispatcher, ErrorMapper errors)
            throws InterruptedException {
        RequestHandler handler = new RequestHandler(dispatcher, errors);
        return NettyServer.bind(config.name() + "-" + name, host, port, config.http().workerThreads(),
                new PartitionHttpInitializer(config.http(), handler, errors));
    }

    public int publicPort() {
        return publicServer.port();
    }

    public int adminPort() {
        return adminServer.port();
    }

    public String publicUrl() {
        return "http://" + config.publicApi().host() + ":" + publicPort();
    }

    public String adminUrl() {
        return "http://" + config.admin().host() + ":" + adminPort();
    }

    public Storage storage() {
        return storage;
    }

    public synchronized void stop() {
        long quiet = config.http().shutdownQuietMillis();
        if (publicServer != null) {
            publicServer.stop(quiet);
            publicServer = null;
        }
        if (adminServer != null) {
            adminServer.stop(quiet);
            adminServer = null;
        }
        storage.close();
    }
}
