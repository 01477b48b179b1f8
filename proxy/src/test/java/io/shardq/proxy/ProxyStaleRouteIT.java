package io.shardq.proxy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.QueueKey;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two proxies share a catalogue without Redis, so each trusts its local route cache. Partition p1's only
 * node is WireMock: it passes requests through to a real partition-server node, except for queues the test
 * fences, which it answers the way a fenced partition does (409 and {@code X-Queue-Fence}). (The fence API
 * of the partition storage is not on this branch yet; WireMock stands in for it.) A queue is moved or frozen
 * behind a proxy's back; writes through that proxy's stale route are never applied at p1.
 */
class ProxyStaleRouteIT {

    private static final int SHORT_PARK_MILLIS = 500;

    /** Proxy 0 parks writes up to 5 s; proxy 1 up to {@value #SHORT_PARK_MILLIS} ms. */
    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 0).partition("p2", 1)
            .proxy().proxy(SHORT_PARK_MILLIS).build();

    private static final String PROJECT = "stale";
    private static WireMockServer p1;
    private static CatalogueStore side;

    @BeforeAll
    static void p1IsServedThroughWireMock() {
        p1 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        p1.start();
        p1.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(fleet.nodes("p1").get(0).publicUrl())));
        fleet.register(Partition.of("p1", 0, List.of(URI.create(p1.baseUrl()))));
        side = fleet.sideStore();
    }

    @AfterAll
    static void stopWireMock() {
        if (p1 != null) {
            p1.stop();
        }
    }

    @Test
    void writeOnAStaleRouteIsNeverAppliedAtTheOldPartitionAndLandsOnTheNewOne() {
        QueueKey key = QueueKey.of(PROJECT, "moving");
        side.catalogue().createIfAbsent(key, () -> "p1");
        ZaqarHttp proxyA = fleet.client(0, PROJECT);
        ZaqarHttp proxyB = fleet.client(1, PROJECT);
        assertThat(proxyB.post("/v2/queues/moving/messages", ZaqarHttp.messages("m1", "m2", "m3"))
                .status()).isEqualTo(201);
        assertThat(bodies(fleet.storage("p1"), key)).containsExactly("\"m1\"", "\"m2\"", "\"m3\"");

        copy(key, fleet.storage("p1"), fleet.storage("p2"));
        CatalogueEntry before = fleet.proxy(0).store().catalogue().lookupFresh(key).orElseThrow();
        fleet.proxy(0).store().catalogue().compareAndSet(before, before.withPartition("p2"));
        fence("moving", "moved; to=p2");
        p1.resetRequests();

        ZaqarHttp.Response posted = proxyB.post("/v2/queues/moving/messages", ZaqarHttp.messages("after-move"));

        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        String id = lastSegment(posted.json().path("resources").get(0).asText());
        assertThat(requestsTo("moving")).extracting(LoggedRequest::getMethod).extracting(Object::toString)
                .containsExactly("POST");
        assertThat(bodies(fleet.storage("p1"), key)).containsExactly("\"m1\"", "\"m2\"", "\"m3\"");
        assertThat(bodies(fleet.storage("p2"), key)).containsExactly("\"m1\"", "\"m2\"", "\"m3\"", "\"after-move\"");
        assertThat(fleet.storage("p2").messages().get(QueueRef.of(PROJECT, "moving"), id).toCompletableFuture().join()
                .map(Message::body)).contains("\"after-move\"");

        assertThat(proxyB.get("/v2/queues/moving/stats").json().path("messages").path("total").asInt()).isEqualTo(4);
        assertThat(proxyA.get("/v2/queues/moving/stats").json().path("messages").path("total").asInt()).isEqualTo(4);
        assertThat(requestsTo("moving")).as("both proxies now route to p2").hasSize(1);
    }

    @Test
    void writeToAFrozenQueueIsParkedUntilTheThawThenAppliedAtTheNewPartition() throws Exception {
        QueueKey key = QueueKey.of(PROJECT, "freezing");
        CatalogueEntry created = side.catalogue().createIfAbsent(key, () -> "p1");
        ZaqarHttp proxyA = fleet.client(0, PROJECT);
        assertThat(proxyA.post("/v2/queues/freezing/messages", ZaqarHttp.messages("f1", "f2")).status())
                .isEqualTo(201);
        CatalogueEntry frozen = side.catalogue().compareAndSet(created, created.withState(EntryState.FROZEN));
        fence("freezing", "frozen");
        p1.resetRequests();

        CompletableFuture<ZaqarHttp.Response> parked = CompletableFuture.supplyAsync(
                () -> proxyA.post("/v2/queues/freezing/messages", ZaqarHttp.messages("while-frozen")));
        awaitRequestsTo("freezing", 1);
        assertThat(parked).as("the write waits for the thaw").isNotDone();
        copy(key, fleet.storage("p1"), fleet.storage("p2"));
        side.catalogue().compareAndSet(frozen, frozen.withPartition("p2").withState(EntryState.ACTIVE));

        ZaqarHttp.Response posted = parked.get();
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(requestsTo("freezing")).hasSize(1);
        assertThat(bodies(fleet.storage("p1"), key)).containsExactly("\"f1\"", "\"f2\"");
        assertThat(bodies(fleet.storage("p2"), key)).containsExactly("\"f1\"", "\"f2\"", "\"while-frozen\"");
    }

    @Test
    void writeParkedLongerThanTheBoundGets503WithRetryAfter() {
        QueueKey key = QueueKey.of(PROJECT, "stuck");
        CatalogueEntry created = side.catalogue().createIfAbsent(key, () -> "p1");
        ZaqarHttp proxyB = fleet.client(1, PROJECT);
        assertThat(proxyB.post("/v2/queues/stuck/messages", ZaqarHttp.messages("s1")).status()).isEqualTo(201);
        side.catalogue().compareAndSet(created, created.withState(EntryState.FROZEN));
        fence("stuck", "frozen");

        ZaqarHttp.Response answer = proxyB.post("/v2/queues/stuck/messages", ZaqarHttp.messages("never"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
        assertThat(answer.title()).isEqualTo("Service temporarily unavailable");
        assertThat(answer.description()).contains("stuck").contains(SHORT_PARK_MILLIS + " ms");
        assertThat(bodies(fleet.storage("p1"), key)).containsExactly("\"s1\"");
        assertThat(bodies(fleet.storage("p2"), key)).isEmpty();
    }

    /** From now on p1 answers every request for {@code queue} with the fence {@code fence}. */
    private static void fence(String queue, String fence) {
        p1.stubFor(any(urlPathMatching("/v2/queues/" + queue + "(/.*)?")).atPriority(1).willReturn(aResponse()
                .withStatus(409).withHeader("X-Queue-Fence", fence).withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"Queue fenced\",\"description\":\"Queue " + queue + " is " + fence + ".\"}")));
    }

    private static List<LoggedRequest> requestsTo(String queue) {
        return p1.findAll(anyRequestedFor(urlPathMatching("/v2/queues/" + queue + "(/.*)?")));
    }

    private static void awaitRequestsTo(String queue, int count) throws InterruptedException {
        for (int i = 0; i < 500 && requestsTo(queue).size() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(requestsTo(queue)).hasSize(count);
    }

    /** Copies a queue's messages as a migration would (bodies and TTLs; ids are new on this branch). */
    private static void copy(QueueKey key, Storage from, Storage to) {
        QueueRef ref = QueueRef.of(key.project(), key.queue());
        List<NewMessage> messages = messages(from, ref).stream().map(m -> NewMessage.of(m.body(), m.ttl(), 0)).toList();
        to.messages().post(ref, messages, "migration").toCompletableFuture().join();
    }

    private static List<String> bodies(Storage storage, QueueKey key) {
        return messages(storage, QueueRef.of(key.project(), key.queue())).stream().map(Message::body).toList();
    }

    private static List<Message> messages(Storage storage, QueueRef ref) {
        return storage.messages().list(ref, new MessageQuery(MessageQuery.FROM_HEAD, 100, null, true, true, true))
                .toCompletableFuture().join().messages();
    }

    private static String lastSegment(String href) {
        return href.substring(href.lastIndexOf('/') + 1);
    }
}
