package io.shardq.proxy.bench;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.MigrationPhase;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.QueueKey;
import io.shardq.common.config.ListenerConfig;
import io.shardq.migration.AgentServer;
import io.shardq.partition.PartitionServer;
import io.shardq.partition.config.HttpConfig;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.proxy.ProxyServer;
import io.shardq.proxy.config.ProxyConfig;
import io.shardq.proxy.upstream.UpstreamConfig;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.ZaqarHttp;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.HdrHistogram.Histogram;

/**
 * The write pause and the duration of live migrations by queue size (scripts/bench/migration): two
 * partitions on memory storage with in-process agents, a proxy, and writers posting through the proxy
 * while a queue of N messages moves from p1 to p2. For each N prints the copy rate, the time to the
 * switch and to the end, the coordinator's pause, and the latency of the writes that overlapped the
 * freeze (max and p99) next to the writes' p99 outside it.
 */
public final class MigrationBenchmark {

    private static final String PROJECT = "bench";
    private static final String TOKEN = "migration-bench-token";
    /** Unmeasured migrations first: each phase runs once per move, so the JIT needs a few moves to compile it. */
    private static final int WARM_UPS = 5;
    /** Numbers the measured queues, so a size given twice moves a queue of its own each time. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        int writers = 4;
        int page = 1_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> List.of(args[++i].split(",")).forEach(size -> sizes.add(Integer.parseInt(size.trim())));
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--page" -> page = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected: --sizes N,N,... --writers N --page N)");
            }
        }
        if (sizes.isEmpty()) {
            sizes.addAll(List.of(1_000, 10_000, 100_000, 1_000_000));
        }
        MongoServerExtension mongo = new MongoServerExtension();
        mongo.start();
        List<Storage> storages = new ArrayList<>();
        List<PartitionServer> nodes = new ArrayList<>();
        List<AgentServer> agents = new ArrayList<>();
        ListenerConfig loopback = new ListenerConfig("127.0.0.1", 0);
        ProxyServer proxy = new ProxyServer(new ProxyConfig(loopback, loopback, TOKEN,
                new ProxyConfig.CatalogueSettings(mongo.uri(), mongo.database(), null, null),
                new UpstreamConfig(1000, 10_000, null, null, null), new ProxyConfig.Parking(30_000, 10_000, null),
                new ProxyConfig.Http(null, null, null, 2, null, 1000),
                new ProxyConfig.Migrations(4, 10_000, 1_000, 0, 60_000, page, null)), new MetricRegistry()).start();
        try {
            for (int i = 1; i <= 2; i++) {
                Storage storage = new InMemoryStorage(Clock.systemUTC());
                storages.add(storage);
                PartitionServer node = new PartitionServer(new PartitionServerConfig("p" + i, ListenerConfig.of("127.0.0.1", 0),
                        ListenerConfig.of("127.0.0.1", 0), null, new HttpConfig(null, null, null, null, 2, 50), null),
                        storage, Clock.systemUTC(), new MetricRegistry()).start();
                nodes.add(node);
                AgentServer agent = AgentServer.start(storage, "127.0.0.1", 0, null);
                agents.add(agent);
                proxy.register(new Partition("p" + i, 1, List.of(URI.create(node.publicUrl())), URI.create(agent.url()),
                        Map.of(), PartitionState.ACTIVE));
            }
            System.out.printf("machine: %d cores, %s; writers: %d posting through the proxy; page %d%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), writers, page);
            for (int i = 1; i <= WARM_UPS; i++) {
                run(proxy, storages.get(0), 2_000, writers, "warm-up-" + i);
            }
            System.out.printf("%10s %12s %10s %10s %10s %12s %12s %12s %10s %8s %10s %12s%n", "messages",
                    "copy msg/s", "switch s", "total s", "pause ms", "frozen max", "frozen p99", "other p99",
                    "other max", "writes", "copy gc s", "freeze gc ms");
            for (int size : sizes) {
                run(proxy, storages.get(0), size, writers, null);
            }
        } finally {
            proxy.stop();
            agents.forEach(AgentServer::stop);
            nodes.forEach(PartitionServer::stop);
            storages.forEach(Storage::close);
            mongo.stop();
        }
    }

    /** One write: when it started and how long it took, in nanoseconds. */
    private record Write(long startNanos, long nanos, int status) {
    }

    private static void run(ProxyServer proxy, Storage source, int size, int writers, String label) throws Exception {
        String queue = "q" + size + (label == null ? "-" + RUNS.incrementAndGet() : "-" + label);
        QueueKey key = QueueKey.of(PROJECT, queue);
        proxy.store().catalogue().createIfAbsent(key, () -> "p1");
        ZaqarHttp client = ZaqarHttp.to(proxy.publicUrl()).project(PROJECT);
        check(client.put("/v2/queues/" + queue, "{}"), 201);
        fill(source, QueueRef.of(PROJECT, queue), size);

        ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        boolean[] running = {true};
        for (int i = 0; i < writers; i++) {
            ZaqarHttp writer = ZaqarHttp.to(proxy.publicUrl()).project(PROJECT);
            Thread thread = new Thread(() -> {
                while (running[0]) {
                    long start = System.nanoTime();
                    int status = writer.post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages("w")).status();
                    writes.add(new Write(start, System.nanoTime() - start, status));
                    pause(2);
                }
            }, "writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(300);
        ZaqarHttp admin = ZaqarHttp.to(proxy.adminUrl()).header("Authorization", "Bearer " + TOKEN);
        long started = System.nanoTime();
        long gcAtStart = gcMillis();
        JsonNode answer = check(admin.post("/v2/migrations", "{\"project\":\"" + PROJECT + "\",\"queue\":\"" + queue
                + "\",\"to\":\"p2\"}"), 202).json();
        String id = answer.path("id").asText();
        long frozenSeen = 0;
        long thawedSeen = 0;
        long gcAtFreeze = 0;
        long gcAtThaw = 0;
        MigrationRecord record;
        while (true) {
            record = proxy.store().migrations().get(id).orElseThrow();
            long now = System.nanoTime();
            if (frozenSeen == 0 && record.phase().ordinal() >= MigrationPhase.FROZEN.ordinal()) {
                frozenSeen = now;
                gcAtFreeze = gcMillis();
            }
            if (thawedSeen == 0 && record.phase().ordinal() >= MigrationPhase.THAWED.ordinal()) {
                thawedSeen = now;
            }
            if (record.phase().isTerminal()) {
                gcAtThaw = gcMillis();
                break;
            }
            Thread.sleep(5);
        }
        long ended = System.nanoTime();
        Thread.sleep(300);
        running[0] = false;
        for (Thread thread : threads) {
            thread.join();
        }
        if (record.phase() != MigrationPhase.DONE) {
            throw new IllegalStateException("migration of " + size + " ended " + record.phase() + ": " + record.error());
        }
        // the freeze as the 5 ms poll saw it: from phase frozen to phase thawed
        long freezeStart = frozenSeen;
        long freezeEnd = thawedSeen;
        Histogram frozen = new Histogram(3);
        Histogram other = new Histogram(3);
        int failed = 0;
        for (Write write : writes) {
            if (write.status() != 201) {
                failed++;
            }
            boolean overlaps = write.startNanos() < freezeEnd && write.startNanos() + write.nanos() > freezeStart;
            (overlaps ? frozen : other).recordValue(Math.max(1, write.nanos() / 1_000));
        }
        if (label != null) {
            System.out.printf("%s: %d messages moved in %.2f s%n", label, size, (ended - started) / 1e9);
            return;
        }
        double copySeconds = Math.max(1e-9, (frozenSeen - started) / 1e9);
        System.out.printf("%10d %12.0f %10.2f %10.2f %10d %12.1f %12.1f %12.1f %10.1f %8d %10.1f %12d%s%n", size,
                size / copySeconds, (thawedSeen - started) / 1e9, (ended - started) / 1e9, record.pauseMs(),
                frozen.getMaxValue() / 1000.0, frozen.getValueAtPercentile(99) / 1000.0,
                other.getValueAtPercentile(99) / 1000.0, other.getMaxValue() / 1000.0, writes.size(), (gcAtFreeze - gcAtStart) / 1000.0,
                gcAtThaw - gcAtFreeze, failed == 0 ? "" : "  (" + failed + " writes failed)");
    }

    /**
     * Milliseconds this JVM's collectors have spent so far: everything here (both partitions, their agents, the
     * proxy, the writers) shares one heap, so a collection stops all of them, the copy and the freeze included.
     */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static void fill(Storage storage, QueueRef ref, int size) {
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            batch.add(new NewMessage("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}", 3600, 0));
            if (batch.size() == 1_000 || i == size - 1) {
                storage.messages().post(ref, List.copyOf(batch), "00000000-0000-0000-0000-000000000001")
                        .toCompletableFuture().join();
                batch.clear();
            }
        }
    }

    private static ZaqarHttp.Response check(ZaqarHttp.Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("expected " + status + ": " + response);
        }
        return response;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
