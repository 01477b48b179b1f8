package io.shardq.proxy.migration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.QueueKey;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.QueueRef;
import io.shardq.proxy.config.ProxyConfig;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.proxy.testing.QueueChecker;
import io.shardq.testing.ZaqarHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Live migrations through the proxy's admin API over three partitions with in-process agents: p1 and p2
 * are plain; p3's agent is reached through WireMock with a delay, so that a move to p3 lasts long enough
 * to be cancelled or to see its queue deleted.
 */
class ProxyMigrationIT {

    private static final String PROJECT = "mig";

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1)
            .partition("p3", 0).agents()
            .migrations(new ProxyConfig.Migrations(4, 3_000, 200, 0, 20_000, 100, null)).build();

    private static WireMockServer slowAgent;
    private static final AtomicInteger queues = new AtomicInteger();

    @BeforeAll
    static void p3IsReachedThroughASlowAgent() {
        slowAgent = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slowAgent.start();
        slowAgent.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(fleet.agent("p3").url())
                .withFixedDelay(150)));
        Partition p3 = fleet.partition("p3", 0);
        fleet.register(new Partition("p3", 0, p3.nodes(), URI.create(slowAgent.baseUrl()), Map.of(),
                PartitionState.ACTIVE));
    }

    @AfterAll
    static void stopWireMock() {
        if (slowAgent != null) {
            slowAgent.stop();
        }
    }

    @Test
    void aQueueMovesWithItsIdsOrderAndClaims() {
        String queue = queueOn("p1");
        ZaqarHttp client = fleet.client(PROJECT);
        for (int i = 0; i < 30; i++) {
            assertThat(client.post(path(queue, "/messages"), ZaqarHttp.messages("a" + i, "b" + i, "c" + i)).status())
                    .isEqualTo(201);
        }
        ZaqarHttp.Response claim = client.post(path(queue, "/claims?limit=4"), "{\"ttl\":300,\"grace\":60}");
        assertThat(claim.status()).isEqualTo(201);
        List<String> before = listIds(client, queue);
        assertThat(before).hasSize(90);

        JsonNode done = awaitEnd(migrate(queue, "p2"));

        assertThat(done.path("phase").asText()).isEqualTo("done");
        assertThat(done.path("from").asText()).isEqualTo("p1");
        CatalogueEntry entry = fleet.proxy().store().catalogue().lookupFresh(QueueKey.of(PROJECT, queue)).orElseThrow();
        assertThat(entry.partition()).isEqualTo("p2");
        assertThat(entry.state()).isEqualTo(EntryState.ACTIVE);
        assertThat(entry.migration()).isNull();
        assertThat(listIds(client, queue)).isEqualTo(before);
        for (JsonNode message : claim.json().path("messages")) {
            assertThat(client.delete(message.path("href").asText()).status()).isEqualTo(204);
            assertThat(client.get(path(queue, "/messages/" + message.path("id").asText())).status()).isEqualTo(404);
        }
        QueueRef ref = QueueRef.of(PROJECT, queue);
        assertThat(fleet.storage("p1").fences().get(ref).toCompletableFuture().join()).isEqualTo(Fence.movedTo("p2"));
        assertThat(fleet.storage("p1").transfer().queues(null, 10_000).toCompletableFuture().join()).doesNotContain(ref);
        assertThat(client.post(path(queue, "/messages"), ZaqarHttp.messages("after")).status()).isEqualTo(201);
        assertThat(listIds(client, queue)).hasSize(87);
    }

    @Test
    void producersAndConsumersKeepWorkingWhileTheirQueueMoves() throws Exception {
        String queue = queueOn("p1");
        ZaqarHttp client = fleet.client(PROJECT);
        assertThat(client.post(path(queue, "/messages"), ZaqarHttp.messages("held")).status()).isEqualTo(201);
        ZaqarHttp.Response held = client.post(path(queue, "/claims?limit=1"), "{\"ttl\":300,\"grace\":60}");
        assertThat(held.status()).isEqualTo(201);
        QueueChecker checker = new QueueChecker(i -> fleet.client(PROJECT), queue).start(2, 2);
        Thread.sleep(300);

        JsonNode there = awaitEnd(migrate(queue, "p2"));
        JsonNode back = awaitEnd(migrate(queue, "p1"));
        Thread.sleep(200);
        checker.stop();

        assertThat(there.path("phase").asText()).isEqualTo("done");
        assertThat(back.path("phase").asText()).isEqualTo("done");
        assertThat(client.delete(held.json().path("messages").get(0).path("href").asText()).status()).isEqualTo(204);
        assertThat(checker.acknowledged()).isGreaterThan(20);
        assertThat(checker.verify(client)).isEmpty();
        assertThat(checker.otherFailures()).isEmpty();
    }

    @Test
    void aCancelledMigrationRollsBackToTheSource() {
        String queue = queueOn("p1");
        ZaqarHttp client = fleet.client(PROJECT);
        postMany(client, queue, 2_000);
        String id = migrate(queue, "p3");
        awaitPhase(id, "copying");

        assertThat(fleet.admin().delete("/v2/migrations/" + id).status()).isEqualTo(204);
        JsonNode end = awaitEnd(id);

        assertThat(end.path("phase").asText()).isEqualTo("cancelled");
        assertThat(end.path("error").asText()).contains("operator");
        CatalogueEntry entry = fleet.proxy().store().catalogue().lookupFresh(QueueKey.of(PROJECT, queue)).orElseThrow();
        assertThat(entry.partition()).isEqualTo("p1");
        assertThat(entry.state()).isEqualTo(EntryState.ACTIVE);
        assertThat(entry.migration()).isNull();
        QueueRef ref = QueueRef.of(PROJECT, queue);
        assertThat(fleet.storage("p3").transfer().queues(null, 10_000).toCompletableFuture().join()).doesNotContain(ref);
        assertThat(fleet.storage("p1").fences().get(ref).toCompletableFuture().join()).isEqualTo(Fence.ACTIVE);
        assertThat(client.post(path(queue, "/messages"), ZaqarHttp.messages("still here")).status()).isEqualTo(201);
        assertThat(fleet.admin().delete("/v2/migrations/" + id).status()).isEqualTo(409);
    }

    @Test
    void deletingAQueueDuringItsMigrationDeletesItEverywhere() {
        String queue = queueOn("p1");
        ZaqarHttp client = fleet.client(PROJECT);
        postMany(client, queue, 2_000);
        String id = migrate(queue, "p3");
        awaitPhase(id, "copying");

        assertThat(client.delete("/v2/queues/" + queue).status()).isEqualTo(204);
        JsonNode end = awaitEnd(id);

        assertThat(end.path("phase").asText()).isEqualTo("cancelled");
        assertThat(fleet.proxy().store().catalogue().lookupFresh(QueueKey.of(PROJECT, queue))).isEmpty();
        QueueRef ref = QueueRef.of(PROJECT, queue);
        assertThat(fleet.storage("p1").transfer().queues(null, 10_000).toCompletableFuture().join()).doesNotContain(ref);
        assertThat(fleet.storage("p3").transfer().queues(null, 10_000).toCompletableFuture().join()).doesNotContain(ref);
        assertThat(client.get(path(queue, "/stats")).json().path("messages").path("total").asInt()).isZero();
    }

    @Test
    void badMigrationRequestsGetZaqarShapedErrors() {
        String queue = queueOn("p1");
        ZaqarHttp admin = fleet.admin();
        assertError(admin.post("/v2/migrations", "{\"project\":\"mig\",\"queue\":\"nope\",\"to\":\"p2\"}"), 404, "nope");
        assertError(admin.post("/v2/migrations", body(queue, "p9")), 404, "p9");
        assertError(admin.post("/v2/migrations", body(queue, "p1")), 400, "already on partition p1");
        assertError(admin.post("/v2/migrations", "{\"project\":\"mig\"}"), 400, "queue");
        assertError(admin.post("/v2/migrations", "{\"project\":\"mig\",\"queue\":\"bad name!\"}"), 400, "queue");
        assertError(admin.post("/v2/migrations", "{\"project\":\"mig\",\"queue\":\"q\",\"extra\":1}"), 400, "extra");
        assertError(admin.post("/v2/migrations", "[1]"), 400, "Document type");
        assertError(admin.post("/v2/migrations", "{\"queue\":7}"), 400, "string");
        assertError(admin.get("/v2/migrations/does-not-exist"), 404, "does-not-exist");
        assertError(admin.delete("/v2/migrations/does-not-exist"), 404, "does-not-exist");
        assertError(admin.get("/v2/migrations?active=maybe"), 400, "active");
        assertError(admin.send("PUT", "/v2/migrations", "{}"), 405, null);
        assertThat(admin.patch("/v2/partitions/p3", "{\"state\":\"disabled\"}").status()).isEqualTo(200);
        try {
            assertError(admin.post("/v2/migrations", body(queue, "p3")), 409, "disabled");
        } finally {
            assertThat(admin.patch("/v2/partitions/p3", "{\"state\":\"active\"}").status()).isEqualTo(200);
        }

        postMany(fleet.client(PROJECT), queue, 2_000);
        String id = migrate(queue, "p3");
        assertError(admin.post("/v2/migrations", body(queue, "p2")), 409, "already being moved");
        JsonNode listed = admin.get("/v2/migrations?active=true&partition=p3").json().path("migrations");
        assertThat(listed.findValuesAsText("id")).contains(id);
        awaitEnd(id);
        assertError(admin.delete("/v2/migrations/" + id), 409, "can no longer be cancelled");
    }

    @Test
    void aDrainingPartitionIsEmptiedByWeightWhileItsQueuesAreBusy() throws Exception {
        ZaqarHttp client = fleet.client(PROJECT);
        Partition p2 = fleet.partition("p2", 1);
        List<String> drained = new ArrayList<>();
        List<QueueChecker> checkers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String queue = queueOn("p2");
            assertThat(client.post(path(queue, "/messages"), ZaqarHttp.messages("first-" + i)).status()).isEqualTo(201);
            drained.add(queue);
            checkers.add(new QueueChecker(worker -> fleet.client(PROJECT), queue).start(1, 1));
        }
        try {
            assertThat(fleet.admin().patch("/v2/partitions/p2", "{\"weight\":0,\"state\":\"draining\"}").status())
                    .isEqualTo(200);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (fleet.proxy().store().catalogue().count("p2") > 0 && System.nanoTime() < deadline) {
                pause(100);
            }
            pause(200);
            for (QueueChecker checker : checkers) {
                checker.stop();
            }

            assertThat(fleet.proxy().store().catalogue().count("p2")).isZero();
            for (int i = 0; i < drained.size(); i++) {
                CatalogueEntry entry = fleet.proxy().store().catalogue()
                        .lookupFresh(QueueKey.of(PROJECT, drained.get(i))).orElseThrow();
                assertThat(entry.partition()).as("weight 0 partitions take no queue").isEqualTo("p1");
                assertThat(checkers.get(i).acknowledged()).isPositive();
                assertThat(checkers.get(i).verify(client)).as(drained.get(i)).isEmpty();
                assertThat(checkers.get(i).otherFailures()).as(drained.get(i)).isEmpty();
            }
        } finally {
            for (QueueChecker checker : checkers) {
                checker.stop();
            }
            fleet.register(p2);
        }
    }

    // --- helpers

    /** A new queue of {@link #PROJECT} placed on {@code partition} (through the catalogue, then PUT via the proxy). */
    private static String queueOn(String partition) {
        String queue = "q" + queues.incrementAndGet() + "-" + partition;
        fleet.proxy().store().catalogue().createIfAbsent(QueueKey.of(PROJECT, queue), () -> partition);
        assertThat(fleet.client(PROJECT).put("/v2/queues/" + queue, "{}").status()).isEqualTo(201);
        return queue;
    }

    private static String migrate(String queue, String to) {
        ZaqarHttp.Response answer = fleet.admin().post("/v2/migrations", body(queue, to));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("href").asText()).isEqualTo("/v2/migrations/" + answer.json().path("id").asText());
        return answer.json().path("id").asText();
    }

    private static String body(String queue, String to) {
        return "{\"project\":\"" + PROJECT + "\",\"queue\":\"" + queue + "\",\"to\":\"" + to + "\"}";
    }

    private static JsonNode awaitEnd(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode record = fleet.admin().get("/v2/migrations/" + id).json();
            String phase = record.path("phase").asText();
            if (phase.equals("done") || phase.equals("cancelled") || phase.equals("failed")) {
                return record;
            }
            pause(50);
        }
        throw new AssertionError("migration " + id + " did not end: " + fleet.admin().get("/v2/migrations/" + id));
    }

    private static void awaitPhase(String id, String wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (fleet.admin().get("/v2/migrations/" + id).json().path("phase").asText().equals(wanted)) {
                return;
            }
            pause(10);
        }
        throw new AssertionError("migration " + id + " never " + wanted + ": " + fleet.admin().get("/v2/migrations/" + id));
    }

    private static void postMany(ZaqarHttp client, String queue, int count) {
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 10; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"body\":{\"n\":").append(i).append("}}");
        }
        String body = batch.append("]}").toString();
        for (int i = 0; i < count / 10; i++) {
            assertThat(client.post(path(queue, "/messages"), body).status()).isEqualTo(201);
        }
    }

    /** Every message id in list order, claimed ones included, paging by marker. */
    private static List<String> listIds(ZaqarHttp client, String queue) {
        List<String> ids = new ArrayList<>();
        String next = path(queue, "/messages?echo=true&include_claimed=true&limit=20");
        while (true) {
            ZaqarHttp.Response page = client.get(next);
            if (page.status() == 204) {
                return ids;
            }
            JsonNode messages = page.json().path("messages");
            if (messages.isEmpty()) {
                return ids;
            }
            messages.forEach(message -> ids.add(message.path("id").asText()));
            next = page.json().path("links").get(0).path("href").asText();
        }
    }

    private static String path(String queue, String rest) {
        return "/v2/queues/" + queue + rest;
    }

    private static void assertError(ZaqarHttp.Response answer, int status, String mentions) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.title()).as(answer.toString()).isNotBlank();
        if (mentions != null) {
            assertThat(answer.description()).as(answer.toString()).contains(mentions);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
