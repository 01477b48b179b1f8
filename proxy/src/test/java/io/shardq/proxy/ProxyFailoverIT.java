package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.Partition;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.proxy.testing.PartitionProcess;
import io.shardq.testing.RedisServerExtension;
import io.shardq.testing.ZaqarHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One partition of two partition-server processes over one real redis-server. Producers post through the
 * proxy while one node is killed with SIGKILL: every acknowledged message is still there afterwards, only
 * requests in flight at the kill fail, and traffic is normal again one second later.
 */
class ProxyFailoverIT {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().build();

    private static final String PROJECT = "failover";
    private static final String QUEUE = "orders";
    private static final int PRODUCERS = 4;
    private static final long PRODUCE_MILLIS = 3000;
    private static final long KILL_AFTER_MILLIS = 1000;
    private static final int MAX_POSTS_PER_PRODUCER = 3000;

    private static PartitionProcess victim;
    private static PartitionProcess survivor;

    @BeforeAll
    static void twoNodesShareOneRedisStorage() throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(2);
        try {
            String[] args = {"--name", "pf", "--storage", "redis", "--storage-uri", redis.uri()};
            Future<PartitionProcess> first = starter.submit(() -> PartitionProcess.start(args));
            Future<PartitionProcess> second = starter.submit(() -> PartitionProcess.start(args));
            victim = first.get();
            survivor = second.get();
        } finally {
            starter.shutdownNow();
        }
        fleet.register(Partition.of("pf", 1, List.of(URI.create(victim.publicUrl()), URI.create(survivor.publicUrl()))));
        assertThat(fleet.client(PROJECT).put("/v2/queues/" + QUEUE, null).status()).isEqualTo(201);
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        for (PartitionProcess node : new PartitionProcess[] {victim, survivor}) {
            if (node != null) {
                node.close();
            }
        }
    }

    private record Outcome(Set<String> acknowledged, List<String> failures, long acknowledgedAfterKill) {
    }

    @Test
    void killingOneNodeLosesNoAcknowledgedMessageAndFailsOnlyRequestsInFlight() throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong killedAtNanos = new AtomicLong(Long.MAX_VALUE);
        AtomicLong acknowledgedAfterKill = new AtomicLong();
        ExecutorService producers = Executors.newFixedThreadPool(PRODUCERS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PRODUCE_MILLIS);
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            running.add(producers.submit(() -> {
                ZaqarHttp client = fleet.client(PROJECT);
                for (int n = 0; n < MAX_POSTS_PER_PRODUCER && System.nanoTime() < deadline; n++) {
                    try {
                        ZaqarHttp.Response answer = client.post("/v2/queues/" + QUEUE + "/messages",
                                "{\"messages\":[{\"ttl\":600,\"body\":{\"producer\":" + producer + ",\"n\":" + n + "}}]}");
                        if (answer.status() == 201) {
                            acknowledged.add(lastSegment(answer.json().path("resources").get(0).asText()));
                            if (System.nanoTime() > killedAtNanos.get()) {
                                acknowledgedAfterKill.incrementAndGet();
                            }
                        } else {
                            failures.add(producer + "#" + n + ": " + answer);
                        }
                    } catch (RuntimeException e) {
                        failures.add(producer + "#" + n + ": " + e);
                    }
                }
            }));
        }

        Thread.sleep(KILL_AFTER_MILLIS);
        long pid = victim.pid();
        killedAtNanos.set(System.nanoTime());
        victim.kill();
        assertThat(victim.isAlive()).as("node %d killed", pid).isFalse();
        Thread.sleep(1000);
        ZaqarHttp.Response oneSecondLater = fleet.client(PROJECT).post("/v2/queues/" + QUEUE + "/messages",
                ZaqarHttp.messages("one second after the kill"));
        assertThat(oneSecondLater.status()).as(oneSecondLater.body()).isEqualTo(201);
        acknowledged.add(lastSegment(oneSecondLater.json().path("resources").get(0).asText()));
        ZaqarHttp.Response statsLater = fleet.client(PROJECT).get("/v2/queues/" + QUEUE + "/stats");
        assertThat(statsLater.status()).isEqualTo(200);

        for (Future<?> producer : running) {
            producer.get(30, TimeUnit.SECONDS);
        }
        producers.shutdownNow();
        Outcome outcome = new Outcome(new HashSet<>(acknowledged), List.copyOf(failures), acknowledgedAfterKill.get());

        assertThat(outcome.acknowledged()).as("acknowledged before and after the kill").hasSizeGreaterThan(PRODUCERS);
        assertThat(outcome.acknowledgedAfterKill()).as("producers kept going after the kill").isPositive();
        assertThat(outcome.failures()).as("failed requests: only those in flight at the kill").hasSizeLessThanOrEqualTo(
                PRODUCERS);
        assertThat(outcome.failures().stream().map(f -> f.substring(0, f.indexOf('#'))))
                .as("at most one failure per producer").doesNotHaveDuplicates();
        assertThat(outcome.failures()).allSatisfy(failure -> assertThat(failure)
                .as("a Zaqar-shaped 503, not a broken connection").contains(": 503 {\"title\""));
        Set<String> stored = drain(outcome.acknowledged().size());
        assertThat(stored).as("every acknowledged message is stored").containsAll(outcome.acknowledged());
    }

    /** Every message id of the queue, listed through the proxy (echo, claimed too) following "next" links. */
    private static Set<String> drain(int expected) {
        ZaqarHttp client = fleet.client(PROJECT);
        Set<String> ids = new HashSet<>();
        String next = "/v2/queues/" + QUEUE + "/messages?echo=true&include_claimed=true&limit=20";
        int maxPages = expected / 20 + 50;
        for (int page = 0; page < maxPages; page++) {
            ZaqarHttp.Response answer = client.get(next);
            assertThat(answer.status()).as(answer.body()).isIn(200, 204);
            if (answer.status() == 204 || answer.json().path("messages").isEmpty()) {
                return ids;
            }
            JsonNode messages = answer.json().path("messages");
            messages.forEach(m -> ids.add(m.path("id").asText()));
            next = answer.json().path("links").path(0).path("href").asText();
        }
        throw new AssertionError("listing did not end within " + maxPages + " pages; " + ids.size() + " ids");
    }

    private static String lastSegment(String href) {
        return href.substring(href.lastIndexOf('/') + 1);
    }
}
