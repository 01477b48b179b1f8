package io.shardq.migration.unit;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import io.shardq.migration.AgentServer;
import io.shardq.partition.PartitionServer;
import io.shardq.partition.storage.Storage;
import java.time.Clock;

/**
 * One partition as operators add it: a partition-server node and the partition's migration agent in one
 * process, over one {@link Storage}. The embedded store is a file only one process can open, so a partition on
 * it can only have an agent this way. {@link #stop()} stops the agent, then the server, which closes the storage.
 */
public final class PartitionUnit {

    private final PartitionServer server;
    private final AgentServer agent;

    private PartitionUnit(PartitionServer server, AgentServer agent) {
        this.server = server;
        this.agent = agent;
    }

    /**
     * Binds the partition server's listeners, then the agent's. The unit owns {@code storage}: {@link #stop()}
     * closes it, and so does a failure to bind (a port in use), after closing whatever was bound.
     */
    public static PartitionUnit start(UnitConfig config, Storage storage, Clock clock, MetricRegistry metrics)
            throws InterruptedException {
        requireNonNull(config, "config");
        PartitionServer server = new PartitionServer(config.partition(), storage, clock, metrics);
        try {
            server.start();
            UnitAgentConfig agent = config.agent();
            return new PartitionUnit(server, AgentServer.start(storage, agent.host(), agent.port(), agent.token()));
        } catch (InterruptedException | RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    public String publicUrl() {
        return server.publicUrl();
    }

    public String adminUrl() {
        return server.adminUrl();
    }

    public String agentUrl() {
        return agent.url();
    }

    public void stop() {
        agent.stop();
        server.stop();
    }
}
