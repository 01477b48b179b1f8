package io.shardq.partition.testing;

import com.codahale.metrics.MetricRegistry;
import io.shardq.common.config.ListenerConfig;
import io.shardq.partition.PartitionServer;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.testing.MutableClock;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One partition of several nodes for a test class: that many partition servers on free loopback ports, all
 * over the same {@link Storage} object (in-memory unless a storage is given) and the same
 * {@link MutableClock}, as the nodes of a partition share one storage deployment.
 */
public final class PartitionNodesExtension implements BeforeAllCallback, AfterAllCallback {

    private final MutableClock clock = MutableClock.startingNow();
    private final int count;
    private final List<PartitionServer> nodes = new ArrayList<>();
    private Storage storage;

    public PartitionNodesExtension(int count) {
        this.count = count;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        storage = new InMemoryStorage(clock);
        for (int i = 0; i < count; i++) {
            PartitionServerConfig config = new PartitionServerConfig("node" + i, ListenerConfig.of("127.0.0.1", 0),
                    ListenerConfig.of("127.0.0.1", 0), null, null, LimitsConfig.defaults());
            nodes.add(new PartitionServer(config, storage, clock, new MetricRegistry()).start());
        }
    }

    /** Stops every node; the first stop closes the shared storage, which the others tolerate. */
    @Override
    public void afterAll(ExtensionContext context) {
        nodes.forEach(PartitionServer::stop);
        nodes.clear();
    }

    public MutableClock clock() {
        return clock;
    }

    public Storage storage() {
        return storage;
    }

    /** A client of node {@code index}'s public listener with a fresh Client-ID and the given project. */
    public ZaqarHttp client(int index, String project) {
        return ZaqarHttp.to(nodes.get(index).publicUrl()).project(project);
    }

    /** A client of node {@code index}'s admin listener. */
    public ZaqarHttp admin(int index) {
        return ZaqarHttp.to(nodes.get(index).adminUrl());
    }
}
