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
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real partition server for one test class: both listeners on free loopback ports, in-memory storage
 * (or another, from a factory) and a {@link MutableClock} that tests move to exercise TTLs without
 * sleeping.
 */
public final class PartitionServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final MutableClock clock = MutableClock.startingNow();
    private final MetricRegistry metrics = new MetricRegistry();
    private final Function<MutableClock, Storage> storageFactory;
    private LimitsConfig limits = LimitsConfig.defaults();
    private PartitionServer server;

    public PartitionServerExtension() {
        this(InMemoryStorage::new);
    }

    public PartitionServerExtension(Function<MutableClock, Storage> storageFactory) {
        this.storageFactory = storageFactory;
    }

    /** Uses these limits instead of Zaqar's defaults. Call before the class starts. */
    public PartitionServerExtension withLimits(LimitsConfig newLimits) {
        this.limits = newLimits;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        PartitionServerConfig config = new PartitionServerConfig("test", ListenerConfig.of("127.0.0.1", 0),
                ListenerConfig.of("127.0.0.1", 0), null, null, limits);
        server = new PartitionServer(config, storageFactory.apply(clock), clock, metrics).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.stop();
        }
    }

    public MutableClock clock() {
        return clock;
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    public PartitionServer server() {
        return server;
    }

    public String publicUrl() {
        return server.publicUrl();
    }

    public String adminUrl() {
        return server.adminUrl();
    }

    /** A client on the public listener with a fresh Client-ID and the given project. */
    public ZaqarHttp client(String project) {
        return ZaqarHttp.to(publicUrl()).project(project);
    }

    public ZaqarHttp admin() {
        return ZaqarHttp.to(adminUrl());
    }
}
