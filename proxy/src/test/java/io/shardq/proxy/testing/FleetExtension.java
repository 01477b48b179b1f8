package io.shardq.proxy.testing;

import com.codahale.metrics.MetricRegistry;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.common.config.ListenerConfig;
import io.shardq.migration.AgentServer;
import io.shardq.partition.PartitionServer;
import io.shardq.partition.config.HttpConfig;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.proxy.ProxyServer;
import io.shardq.proxy.config.ProxyConfig;
import io.shardq.proxy.upstream.UpstreamConfig;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServer;
import io.shardq.testing.ZaqarHttp;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole local fleet for one test class: in-process partition-server nodes on memory storage (nodes of one
 * partition share one {@link Storage} object, as nodes share a storage deployment), a catalogue on a
 * MongoDB-wire server ({@link MongoServerExtension}: in-process, or {@code MONGO_URI}), optionally a real
 * {@code redis-server} as the catalogue cache, and one or more {@link ProxyServer}s on free ports sharing
 * that catalogue. Partitions are registered through {@link ProxyServer#register}; tests add more (WireMock,
 * child processes) with {@link #register}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1, 2).build();
 * </pre>
 */
public final class FleetExtension implements BeforeAllCallback, AfterAllCallback {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private final List<PartitionSpec> partitionSpecs;
    private final List<Integer> proxyParkingMillis;
    private final boolean redisCache;
    private final boolean agents;
    private final ProxyConfig.Migrations migrationSettings;
    private final Map<String, AgentServer> agentServers = new LinkedHashMap<>();
    private final MongoServerExtension mongo = new MongoServerExtension();
    private RedisServer redis;
    private final Map<String, Storage> storages = new LinkedHashMap<>();
    private final Map<String, List<PartitionServer>> nodes = new LinkedHashMap<>();
    private final List<ProxyServer> proxies = new ArrayList<>();
    private final List<CatalogueStore> sideStores = new ArrayList<>();

    private FleetExtension(Builder builder) {
        this.partitionSpecs = List.copyOf(builder.partitions);
        this.proxyParkingMillis = builder.proxies.isEmpty() ? List.of(ProxyConfig.Parking.DEFAULT_MAX_WAIT_MILLIS)
                : List.copyOf(builder.proxies);
        this.redisCache = builder.redisCache;
        this.agents = builder.agents;
        this.migrationSettings = builder.migrationSettings;
    }

    public static Builder builder() {
        return new Builder();
    }

    private record PartitionSpec(String name, int weight, int nodes) {
    }

    /** What the fleet is made of; every method adds to it. */
    public static final class Builder {
        private final List<PartitionSpec> partitions = new ArrayList<>();
        private final List<Integer> proxies = new ArrayList<>();
        private boolean redisCache;
        private boolean agents;
        private ProxyConfig.Migrations migrationSettings;

        /** A migration agent per partition, in process, over the partition's storage (registered with it). */
        public Builder agents() {
            this.agents = true;
            return this;
        }

        /** The proxies' migration coordinator settings. */
        public Builder migrations(ProxyConfig.Migrations settings) {
            this.migrationSettings = settings;
            return this;
        }

        /** A partition of one node. */
        public Builder partition(String name, int weight) {
            return partition(name, weight, 1);
        }

        /** A partition of {@code nodes} nodes sharing one memory storage. */
        public Builder partition(String name, int weight, int nodes) {
            partitions.add(new PartitionSpec(name, weight, nodes));
            return this;
        }

        /** A proxy with the default parking bound (the first proxy is added implicitly when none is). */
        public Builder proxy() {
            return proxy(ProxyConfig.Parking.DEFAULT_MAX_WAIT_MILLIS);
        }

        /** A proxy that parks writes to frozen queues at most {@code parkingMaxWaitMillis}. */
        public Builder proxy(int parkingMaxWaitMillis) {
            proxies.add(parkingMaxWaitMillis);
            return this;
        }

        /** A real redis-server as the catalogue's cache and invalidation channel. */
        public Builder redisCache() {
            this.redisCache = true;
            return this;
        }

        public FleetExtension build() {
            return new FleetExtension(this);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        mongo.start();
        if (redisCache) {
            redis = new RedisServer().start();
        }
        for (PartitionSpec spec : partitionSpecs) {
            Storage storage = new InMemoryStorage(Clock.systemUTC());
            storages.put(spec.name(), storage);
            List<PartitionServer> servers = new ArrayList<>();
            for (int i = 0; i < spec.nodes(); i++) {
                PartitionServerConfig config = new PartitionServerConfig(spec.name(), ListenerConfig.of("127.0.0.1", 0),
                        ListenerConfig.of("127.0.0.1", 0), null,
                        new HttpConfig(null, null, null, null, 2, 50), null);
                servers.add(new PartitionServer(config, storage, Clock.systemUTC(), new MetricRegistry()).start());
            }
            nodes.put(spec.name(), servers);
            if (agents) {
                agentServers.put(spec.name(), AgentServer.start(storage, "127.0.0.1", 0, null));
            }
        }
        for (int parking : proxyParkingMillis) {
            proxies.add(new ProxyServer(proxyConfig(parking), new MetricRegistry(), seededRandom(proxies.size())).start());
        }
        for (PartitionSpec spec : partitionSpecs) {
            register(partition(spec.name(), spec.weight()));
        }
    }

    private ProxyConfig proxyConfig(int parkingMaxWaitMillis) {
        ListenerConfig loopback = new ListenerConfig("127.0.0.1", 0);
        return new ProxyConfig(loopback, loopback, ADMIN_TOKEN,
                new ProxyConfig.CatalogueSettings(mongo.uri(), mongo.database(), redisUri(), null),
                new UpstreamConfig(1000, 5000, null, null, null),
                new ProxyConfig.Parking(parkingMaxWaitMillis, null, null),
                new ProxyConfig.Http(null, null, null, 2, null, 250), migrationSettings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<RuntimeException> failures = new ArrayList<>();
        proxies.forEach(proxy -> stopping(proxy::stop, failures));
        agentServers.values().forEach(agent -> stopping(agent::stop, failures));
        sideStores.forEach(store -> stopping(store::close, failures));
        nodes.values().forEach(servers -> servers.forEach(server -> stopping(server::stop, failures)));
        if (redis != null) {
            stopping(redis::stop, failures);
        }
        stopping(mongo::stop, failures);
        if (!failures.isEmpty()) {
            failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
            throw failures.get(0);
        }
    }

    /** Runs one stop step; a failure is kept for later so that every process still gets stopped. */
    private static void stopping(Runnable step, List<RuntimeException> failures) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** Partition {@code name} as the fleet registers it: its nodes, and its agent when there are agents. */
    public Partition partition(String name, int weight) {
        List<URI> uris = nodes.get(name).stream().map(server -> URI.create(server.publicUrl())).toList();
        AgentServer agent = agentServers.get(name);
        return new Partition(name, weight, uris, agent == null ? null : URI.create(agent.url()), Map.of(),
                PartitionState.ACTIVE);
    }

    /** The migration agent of partition {@code name} (with {@link Builder#agents()}). */
    public AgentServer agent(String name) {
        return agentServers.get(name);
    }

    /** Registers (or replaces) a partition in the catalogue; every proxy routes to it at once. */
    public void register(Partition partition) {
        proxies.get(0).register(partition);
        proxies.subList(1, proxies.size()).forEach(proxy -> proxy.directory().reload());
    }

    public ProxyServer proxy() {
        return proxies.get(0);
    }

    public ProxyServer proxy(int index) {
        return proxies.get(index);
    }

    /** A client of the first proxy's public API with a fresh Client-ID and the given project. */
    public ZaqarHttp client(String project) {
        return client(0, project);
    }

    public ZaqarHttp client(int proxy, String project) {
        return ZaqarHttp.to(proxies.get(proxy).publicUrl()).project(project);
    }

    /** A client of the first proxy's admin API with the admin token. */
    public ZaqarHttp admin() {
        return ZaqarHttp.to(proxies.get(0).adminUrl()).header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** The memory storage shared by the nodes of partition {@code name}. */
    public Storage storage(String name) {
        return storages.get(name);
    }

    public List<PartitionServer> nodes(String name) {
        return nodes.get(name);
    }

    public List<String> partitionNames() {
        return partitionSpecs.stream().map(PartitionSpec::name).toList();
    }

    /**
     * A catalogue store of its own on the fleet's MongoDB, without Redis: its writes reach MongoDB but no
     * proxy's local cache, as if another process changed the catalogue behind the proxies' backs.
     */
    public CatalogueStore sideStore() {
        CatalogueStore store = CatalogueStore.open(CatalogueConfig.of(mongo.uri(), null)
                .withMongoDatabase(mongo.database()), new MetricRegistry());
        sideStores.add(store);
        return store;
    }

    public MongoServerExtension mongo() {
        return mongo;
    }

    /** The catalogue's redis-server, or {@code null} without {@link Builder#redisCache()}. */
    public RedisServer redis() {
        return redis;
    }

    private String redisUri() {
        return redis == null ? null : redis.uri();
    }

    /** A thread-safe generator with a fixed seed per proxy, so placement (and the spread tests) repeat exactly. */
    private static java.util.random.RandomGenerator seededRandom(int proxy) {
        java.util.SplittableRandom seeded = new java.util.SplittableRandom(20_261_122L + proxy);
        return () -> {
            synchronized (seeded) {
                return seeded.nextLong();
            }
        };
    }
}
