package io.shardq.proxy.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.MigrationPhase;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.QueueKey;
import io.shardq.common.config.ListenerConfig;
import io.shardq.partition.PartitionServer;
import io.shardq.partition.config.HttpConfig;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.config.StorageConfig;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageFactory;
import io.shardq.proxy.ProxyServer;
import io.shardq.proxy.config.ProxyConfig;
import io.shardq.proxy.testing.ChildProcess;
import io.shardq.proxy.testing.QueueChecker;
import io.shardq.proxy.upstream.UpstreamConfig;
import io.shardq.testing.FreePorts;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServer;
import io.shardq.testing.ZaqarHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kill tests: while producers and consumers work on a queue through one proxy, another proxy (a child
 * process) coordinates its move from p1 to p2; in each phase one of the source agent, the destination agent
 * (child processes over the partitions' redis-server storage) or the coordinating proxy is killed with
 * {@code kill -9} and restarted. The checker then finds nothing lost, duplicated or resurrected, and the queue
 * ends either moved (entry on p2, no data left on p1) or back at its source (entry on p1, nothing on p2).
 * Each agent is reached through a WireMock proxy that delays every call, so that every phase lasts long
 * enough to be hit.
 */
class MigrationKillIT {

    private static final String TOKEN = "kill-test-admin-token";
    private static final String PROJECT = "kill";
    private static final ProxyConfig.Migrations SETTINGS = new ProxyConfig.Migrations(4, 2_000, 200, 0, 20_000, 100,
            null);

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private static final List<RedisServer> redises = new ArrayList<>();
    private static final List<Storage> storages = new ArrayList<>();
    private static final List<PartitionServer> nodes = new ArrayList<>();
    private static final Agent[] agents = new Agent[2];
    private static ProxyServer clientProxy;
    private static ChildProcess coordinator;
    private static Path coordinatorConfig;
    private static RedisServer cache;

    /** A partition's agent: a child process on a fixed port, behind a delaying WireMock proxy. */
    private static final class Agent {
        final String storageUri;
        final int port = FreePorts.pick();
        final WireMockServer delay = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ChildProcess process;

        Agent(String storageUri) {
            this.storageUri = storageUri;
            delay.start();
            delay.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + port)
                    .withFixedDelay(40)));
        }

        void start() throws IOException, InterruptedException {
            process = ChildProcess.start("migration-agent", List.of("agent"), List.of("--storage", "redis",
                    "--storage-uri", storageUri, "--port", Integer.toString(port)));
        }
    }

    @BeforeAll
    static void startFleet() throws Exception {
        cache = new RedisServer().start();
        for (int i = 0; i < 2; i++) {
            RedisServer redis = new RedisServer().start();
            redises.add(redis);
            Storage storage = StorageFactory.create(new StorageConfig("redis", redis.uri(), null), Clock.systemUTC());
            storages.add(storage);
            nodes.add(new PartitionServer(new PartitionServerConfig("p" + (i + 1), ListenerConfig.of("127.0.0.1", 0),
                    ListenerConfig.of("127.0.0.1", 0), null, new HttpConfig(null, null, null, null, 2, 50), null),
                    storage, Clock.systemUTC(), new MetricRegistry()).start());
            agents[i] = new Agent(redis.uri());
            agents[i].start();
        }
        ListenerConfig loopback = new ListenerConfig("127.0.0.1", 0);
        clientProxy = new ProxyServer(new ProxyConfig(loopback, loopback, TOKEN,
                new ProxyConfig.CatalogueSettings(mongo.uri(), mongo.database(), cache.uri(), null),
                new UpstreamConfig(1000, 5000, null, null, null), new ProxyConfig.Parking(8_000, null, null),
                new ProxyConfig.Http(null, null, null, 2, null, 250), SETTINGS), new MetricRegistry()).start();
        for (int i = 0; i < 2; i++) {
            clientProxy.register(new Partition("p" + (i + 1), 1, List.of(URI.create(nodes.get(i).publicUrl())),
                    URI.create(agents[i].delay.baseUrl()), Map.of(), PartitionState.ACTIVE));
        }
        coordinatorConfig = Files.createTempFile("kill-proxy", ".yml");
        Files.writeString(coordinatorConfig, String.join("\n",
                "public: {host: 127.0.0.1, port: 0}",
                "admin: {host: 127.0.0.1, port: 0}",
                "admin_token: " + TOKEN,
                "catalogue: {mongo_uri: '" + mongo.uri() + "', mongo_database: " + mongo.database()
                        + ", redis_uri: '" + cache.uri() + "'}",
                "migrations: {lease_millis: 2000, scan_millis: 200, cleanup_grace_millis: 0, page_size: 100}", ""));
        startCoordinator();
    }

    private static void startCoordinator() throws IOException, InterruptedException {
        coordinator = ChildProcess.start("proxy", List.of("public", "admin"), List.of("--config",
                coordinatorConfig.toString()));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        List<AutoCloseable> steps = new ArrayList<>();
        steps.add(() -> {
            if (coordinator != null) {
                coordinator.close();
            }
        });
        steps.add(() -> {
            if (clientProxy != null) {
                clientProxy.stop();
            }
        });
        for (Agent agent : agents) {
            if (agent != null) {
                steps.add(agent.process::close);
                steps.add(agent.delay::stop);
            }
        }
        nodes.forEach(node -> steps.add(node::stop));
        storages.forEach(storage -> steps.add(storage::close));
        redises.forEach(redis -> steps.add(redis::stop));
        steps.add(() -> {
            if (cache != null) {
                cache.stop();
            }
        });
        steps.add(() -> {
            if (coordinatorConfig != null) {
                Files.deleteIfExists(coordinatorConfig);
            }
        });
        Exception first = null;
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @ParameterizedTest(name = "kill {0} while {1}")
    @CsvSource({
            "source-agent, copying", "source-agent, frozen", "source-agent, delta", "source-agent, thawed",
            "destination-agent, copying", "destination-agent, frozen", "destination-agent, delta",
            "destination-agent, thawed",
            "coordinator, copying", "coordinator, frozen", "coordinator, delta", "coordinator, thawed"})
    void nothingIsLostWhateverDies(String victim, String phase) throws Exception {
        String queue = victim + "-" + phase;
        QueueKey key = QueueKey.of(PROJECT, queue);
        clientProxy.store().catalogue().createIfAbsent(key, () -> "p1");
        ZaqarHttp client = ZaqarHttp.to(clientProxy.publicUrl()).project(PROJECT);
        assertThat(client.put("/v2/queues/" + queue, "{}").status()).isEqualTo(201);
        for (int i = 0; i < 30; i++) {
            assertThat(client.post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages(
                    "a" + i, "b" + i, "c" + i, "d" + i, "e" + i, "f" + i, "g" + i, "h" + i, "i" + i, "j" + i))
                    .status()).isEqualTo(201);
        }
        QueueChecker checker = new QueueChecker(i -> ZaqarHttp.to(clientProxy.publicUrl()).project(PROJECT), queue)
                .start(1, 1);
        ZaqarHttp admin = ZaqarHttp.to(coordinator.url("admin")).header("Authorization", "Bearer " + TOKEN);
        ZaqarHttp.Response started = admin.post("/v2/migrations",
                "{\"project\":\"" + PROJECT + "\",\"queue\":\"" + queue + "\",\"to\":\"p2\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        String id = started.json().path("id").asText();

        awaitPhase(id, MigrationPhase.parse(phase));
        restartAfterKilling(victim);
        MigrationRecord end = awaitEnd(id);
        Thread.sleep(300);
        checker.stop();

        List<String> problems = checker.verify(client).stream().filter(problem -> !problem.startsWith("5xx")).toList();
        assertThat(problems).as("checker after killing the %s while %s (%s)", victim, phase, end).isEmpty();
        CatalogueEntry entry = clientProxy.store().catalogue().lookupFresh(key).orElseThrow();
        assertThat(entry.state()).isEqualTo(EntryState.ACTIVE);
        assertThat(entry.migration()).isNull();
        QueueRef ref = QueueRef.of(PROJECT, queue);
        if (end.phase() == MigrationPhase.DONE) {
            assertThat(entry.partition()).isEqualTo("p2");
            assertThat(queues(0)).doesNotContain(ref);
        } else {
            assertThat(end.phase()).isIn(MigrationPhase.CANCELLED, MigrationPhase.FAILED);
            assertThat(entry.partition()).isEqualTo("p1");
            assertThat(queues(1)).doesNotContain(ref);
        }
        assertThat(client.post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages("after")).status())
                .isEqualTo(201);
    }

    private static void restartAfterKilling(String victim) throws Exception {
        switch (victim) {
            case "source-agent" -> restart(agents[0]);
            case "destination-agent" -> restart(agents[1]);
            case "coordinator" -> {
                coordinator.kill();
                startCoordinator();
            }
            default -> throw new IllegalArgumentException(victim);
        }
    }

    private static void restart(Agent agent) throws Exception {
        agent.process.kill();
        Thread.sleep(200);
        agent.start();
    }

    private static List<QueueRef> queues(int partition) {
        return storages.get(partition).transfer().queues(null, 10_000).toCompletableFuture().join();
    }

    private static void awaitPhase(String id, MigrationPhase wanted) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            MigrationPhase phase = clientProxy.store().migrations().get(id).orElseThrow().phase();
            if (phase == wanted) {
                return;
            }
            if (phase.isTerminal()) {
                throw new AssertionError("migration " + id + " ended " + phase + " before " + wanted);
            }
            Thread.sleep(2);
        }
        throw new AssertionError("migration " + id + " never " + wanted);
    }

    private static MigrationRecord awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            MigrationRecord record = clientProxy.store().migrations().get(id).orElseThrow();
            if (record.phase().isTerminal()) {
                return record;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("migration " + id + " did not end: " + clientProxy.store().migrations().get(id));
    }
}
