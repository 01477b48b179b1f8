package io.shardq.proxy;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.Partition;
import io.shardq.common.http.NettyServer;
import io.shardq.common.metrics.PrometheusText;
import io.shardq.common.mongo.EmbeddedMongoServer;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.proxy.admin.AdminHandler;
import io.shardq.proxy.config.ProxyConfig;
import io.shardq.proxy.forward.Forwarder;
import io.shardq.proxy.forward.QueueRequests;
import io.shardq.proxy.http.FrontendHandler;
import io.shardq.proxy.http.ProxyDispatcher;
import io.shardq.proxy.http.ProxyErrorMapper;
import io.shardq.proxy.http.ProxyInitializer;
import io.shardq.proxy.http.ProxyMetrics;
import io.shardq.proxy.listing.FleetPing;
import io.shardq.proxy.listing.QueueListing;
import io.shardq.proxy.migration.AgentClients;
import io.shardq.proxy.migration.MigrationCoordinator;
import io.shardq.proxy.routing.ParkingLot;
import io.shardq.proxy.routing.PartitionDirectory;
import io.shardq.proxy.routing.QueueRouter;
import io.shardq.proxy.upstream.HealthChecker;
import io.shardq.proxy.upstream.Upstreams;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * One proxy instance: the public listener (the Zaqar API over every partition) and the admin listener,
 * over a catalogue store. {@link #start()} wires and binds; {@link #stop()} undoes it in reverse order.
 */
public final class ProxyServer {

    private static final int BLOCKING_THREADS = 8;

    private final ProxyConfig config;
    private final MetricRegistry metrics;
    private final RandomGenerator placementRandom;
    private EmbeddedMongoServer embeddedCatalogue;
    private CatalogueStore store;
    private PartitionDirectory directory;
    private Upstreams upstreams;
    private io.netty.channel.EventLoopGroup upstreamLoops;
    private ExecutorService blocking;
    private ScheduledExecutorService scheduler;
    private ParkingLot parking;
    private MigrationCoordinator migrations;
    private NettyServer publicServer;
    private NettyServer adminServer;

    public ProxyServer(ProxyConfig config, MetricRegistry metrics) {
        this(config, metrics, null);
    }

    /** With {@code placementRandom} (thread-safe) instead of the default, to make placement repeatable in tests. */
    public ProxyServer(ProxyConfig config, MetricRegistry metrics, RandomGenerator placementRandom) {
        this.config = requireNonNull(config, "config");
        this.metrics = requireNonNull(metrics, "metrics");
        this.placementRandom = placementRandom;
    }

    public synchronized ProxyServer start() throws InterruptedException {
        store = placementRandom == null ? CatalogueStore.open(catalogueConfig(), metrics)
                : CatalogueStore.open(catalogueConfig(), metrics, Clock.systemUTC(), placementRandom);
        directory = new PartitionDirectory(store.partitions(), PartitionDirectory.DEFAULT_REFRESH);
        blocking = Executors.newFixedThreadPool(BLOCKING_THREADS, named("proxy-catalogue"));
        scheduler = Executors.newScheduledThreadPool(2, named("proxy-scheduler"));
        upstreamLoops = NettyServer.eventLoops(config.http().eventLoops(), "proxy-upstream");
        upstreams = new Upstreams(upstreamLoops, config.upstream(), Clock.systemUTC());
        ProxyConfig.Parking parkingConfig = config.parking();
        parking = new ParkingLot(store.catalogue(), scheduler, Duration.ofMillis(parkingConfig.maxWaitMillis()),
                parkingConfig.capacityPerQueue(), Duration.ofMillis(parkingConfig.pollMillis()));
        AgentClients agents = new AgentClients(directory, config.migrations().agentToken());
        migrations = MigrationCoordinator.create(store.migrations(), store.catalogue(), directory, store.placement(),
                agents, config.migrations(), coordinatorId(), Clock.systemUTC(), parking::wake);
        ProxyErrorMapper errors = new ProxyErrorMapper();
        ProxyConfig.Http http = config.http();
        publicServer = NettyServer.bind("proxy-public", config.publicApi().host(), config.publicApi().port(),
                http.eventLoops(), new ProxyInitializer(http.maxRequestBytes(), http.maxHeaderBytes(),
                        http.idleTimeoutSeconds(), frontend(errors), errors));
        adminServer = NettyServer.bind("proxy-admin", config.admin().host(), config.admin().port(), 1,
                new ProxyInitializer(http.maxRequestBytes(), http.maxHeaderBytes(), http.idleTimeoutSeconds(),
                        new AdminHandler(config.adminToken(), store, directory, upstreams, migrations,
                                agents, new PrometheusText(metrics), errors, blocking),
                        errors));
        new HealthChecker(upstreams, () -> directory.all().stream().flatMap(p -> p.nodes().stream()).toList())
                .start(scheduler, http.healthCheckMillis());
        migrations.start();
        return this;
    }

    /** This proxy as a migration coordinator: unique per process start, readable in migration records. */
    private static String coordinatorId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + Long.toHexString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xffffffL);
    }

    private FrontendHandler frontend(ProxyErrorMapper errors) {
        Forwarder forwarder = new Forwarder(upstreams);
        QueueRouter router = new QueueRouter(store.catalogue(), store.placement(), blocking);
        QueueRequests queues = new QueueRequests(router, directory, forwarder, parking, migrations, blocking);
        QueueListing listing = new QueueListing(store.catalogue(), directory, forwarder, blocking,
                config.http().maxQueuesPerPage());
        ProxyDispatcher dispatcher = new ProxyDispatcher(new RequestHooks(RequestHooks.ClientIdPolicy.STRICT), queues,
                listing, new FleetPing(directory, forwarder), directory, forwarder, errors, new ProxyMetrics(metrics));
        return new FrontendHandler(dispatcher, errors);
    }

    private CatalogueConfig catalogueConfig() {
        ProxyConfig.CatalogueSettings settings = config.catalogue();
        String mongoUri = settings.mongoUri();
        if (mongoUri == null) {
            embeddedCatalogue = EmbeddedMongoServer.start(Path.of(settings.embeddedDir()).resolve("catalogue.mv"), "127.0.0.1", 0);
            mongoUri = embeddedCatalogue.uri();
        }
        CatalogueConfig catalogue = CatalogueConfig.of(mongoUri, settings.redisUri());
        return settings.mongoDatabase() == null ? catalogue : catalogue.withMongoDatabase(settings.mongoDatabase());
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

    /** The catalogue URI this proxy uses (the embedded server's when it runs one). */
    public String catalogueUri() {
        return embeddedCatalogue != null ? embeddedCatalogue.uri() : config.catalogue().mongoUri();
    }

    public CatalogueStore store() {
        return store;
    }

    public PartitionDirectory directory() {
        return directory;
    }

    /** Registers or replaces a partition and makes it routable at once. */
    public void register(Partition partition) {
        store.partitions().put(partition);
        directory.reload();
    }

    /**
     * Stops in reverse order of start. Upstream pools live on the public listener's event loops, so they
     * close before those loops shut down.
     */
    public synchronized void stop() {
        if (migrations != null) {
            migrations.close();
        }
        if (parking != null) {
            parking.close();
        }
        if (upstreams != null) {
            upstreams.close();
        }
        if (publicServer != null) {
            publicServer.stop(200);
        }
        if (adminServer != null) {
            adminServer.stop(200);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (upstreamLoops != null) {
            upstreamLoops.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        if (directory != null) {
            directory.close();
        }
        if (blocking != null) {
            blocking.shutdownNow();
        }
        if (store != null) {
            store.close();
        }
        if (embeddedCatalogue != null) {
            embeddedCatalogue.close();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
