package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.QueueKey;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Project A owns queue "orders" with messages and a claim; project B uses the same queue name and A's
 * message and claim ids on every route, through the proxy, against the very partition (one storage behind
 * two nodes) that holds A's data. B never sees, claims, pops, deletes or changes anything of A's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyTenantIsolationIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("only", 1, 2).build();

    private static final String QUEUE = "orders";
    private static final String SECRET = "A-SECRET";
    private static ZaqarHttp a;
    private static ZaqarHttp b;
    private static List<String> aIds;
    private static String aClaim;
    private static String aSnapshot;

    @BeforeAll
    static void projectAHasMessagesAndAClaim() {
        a = fleet.client("tenant-a");
        b = fleet.client("tenant-b");
        assertThat(a.put("/v2/queues/" + QUEUE, "{\"owner\":\"" + SECRET + "-meta\"}").status()).isEqualTo(201);
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 6; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"ttl\":3600,\"body\":{\"secret\":\"" + SECRET + "-" + i + "\"}}");
        }
        ZaqarHttp.Response posted = a.post("/v2/queues/" + QUEUE + "/messages", batch.append("]}").toString());
        assertThat(posted.status()).isEqualTo(201);
        aIds = new ArrayList<>();
        posted.json().path("resources").forEach(href -> aIds.add(lastSegment(href.asText())));
        assertThat(aIds).hasSize(6);
        ZaqarHttp.Response claimed = a.post("/v2/queues/" + QUEUE + "/claims?limit=2", "{\"ttl\":300,\"grace\":60}");
        assertThat(claimed.status()).isEqualTo(201);
        aClaim = claimed.header("Location").replaceAll(".*/claims/", "");
        aSnapshot = snapshotOfA();
        assertThat(aSnapshot).contains("free=4", "claimed=2");
    }

    /**
     * A route B tries with A's ids: {@code {m0}…{m5}} are A's message ids, {@code {c}} A's claim id.
     * {@code statuses} are the answers B may get; none may carry A's data.
     */
    static Stream<Arguments> routes() {
        return Stream.of(
                route("GET", "/v2/queues?detailed=true", null, 200),
                route("GET", "/v2/queues/orders", null, 404, 200),
                route("GET", "/v2/queues/orders/stats", null, 200),
                route("GET", "/v2/queues/orders/messages?echo=true&include_claimed=true", null, 200),
                route("GET", "/v2/queues/orders/messages/{m0}", null, 404),
                route("GET", "/v2/queues/orders/messages/{m4}", null, 404),
                route("GET", "/v2/queues/orders/messages?ids={m0},{m3},{m5}", null, 404, 200),
                route("POST", "/v2/queues/orders/claims", "{\"ttl\":60,\"grace\":60}", 204, 201),
                route("GET", "/v2/queues/orders/claims/{c}", null, 404),
                route("PATCH", "/v2/queues/orders/claims/{c}", "{\"ttl\":100,\"grace\":30}", 404),
                route("DELETE", "/v2/queues/orders/claims/{c}", null, 204),
                route("DELETE", "/v2/queues/orders/messages/{m5}", null, 204),
                route("DELETE", "/v2/queues/orders/messages/{m0}?claim_id={c}", null, 204, 400, 403),
                route("DELETE", "/v2/queues/orders/messages?ids={m2},{m3}", null, 204),
                route("DELETE", "/v2/queues/orders/messages?pop=3", null, 200),
                // B replacing "owner": its own queue has none (409); 200 would mean it reached A's metadata
                route("PATCH", "/v2/queues/orders",
                        "[{\"op\":\"replace\",\"path\":\"/metadata/owner\",\"value\":\"B\"}]", 404, 409),
                route("GET", "/v1.1/queues/orders/messages/{m1}", null, 404),
                route("GET", "/v1.1/queues/orders/stats", null, 200, 404),
                route("DELETE", "/v1.1/queues/orders/messages?ids={m4}", null, 204),
                route("GET", "/v1.1/queues/orders/claims/{c}", null, 404));
    }

    private static Arguments route(String method, String path, String body, Integer... statuses) {
        return Arguments.of(method, path, body, Set.of(statuses));
    }

    @Order(1)
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void projectBWithoutAQueueCannotReachProjectAsData(String method, String path, String body, Set<Integer> statuses) {
        ZaqarHttp.Response answer = tryAsB(method, path, body);

        assertThat(statuses).as("%s %s answered %s", method, path, answer).contains(answer.status());
        assertNoLeak(path, answer);
        assertThat(snapshotOfA()).isEqualTo(aSnapshot);
    }

    @Order(2)
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void projectBWithItsOwnQueueOfTheSameNameCannotReachProjectAsData(String method, String path, String body,
                                                                     Set<Integer> statuses) {
        ZaqarHttp.Response created = b.post("/v2/queues/" + QUEUE + "/messages",
                ZaqarHttp.messages("b-own-1", "b-own-2", "b-own-3"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(fleet.proxy().store().catalogue().lookupFresh(QueueKey.of("tenant-b", QUEUE))).isPresent();

        ZaqarHttp.Response answer = tryAsB(method, path, body);

        assertThat(statuses).as("%s %s answered %s", method, path, answer).contains(answer.status());
        assertNoLeak(path, answer);
        assertThat(snapshotOfA()).isEqualTo(aSnapshot);
    }

    @Order(3)
    @Test
    void projectBDeletingItsQueueLeavesProjectAsQueueAndEntry() {
        var entryOfA = fleet.proxy().store().catalogue().lookupFresh(QueueKey.of("tenant-a", QUEUE)).orElseThrow();

        assertThat(b.delete("/v2/queues/" + QUEUE).status()).isEqualTo(204);
        assertThat(b.delete("/v2/queues/" + QUEUE).status()).isEqualTo(204);

        assertThat(fleet.proxy().store().catalogue().lookupFresh(QueueKey.of("tenant-b", QUEUE))).isEmpty();
        assertThat(fleet.proxy().store().catalogue().lookupFresh(QueueKey.of("tenant-a", QUEUE))).contains(entryOfA);
        assertThat(snapshotOfA()).isEqualTo(aSnapshot);
        List<String> bNames = new ArrayList<>();
        b.get("/v2/queues").json().path("queues").forEach(q -> bNames.add(q.path("name").asText()));
        assertThat(bNames).doesNotContain(QUEUE);
        List<String> aNames = new ArrayList<>();
        a.get("/v2/queues").json().path("queues").forEach(q -> aNames.add(q.path("name").asText()));
        assertThat(aNames).containsExactly(QUEUE);
    }

    private static ZaqarHttp.Response tryAsB(String method, String path, String body) {
        String resolved = path.replace("{c}", aClaim);
        for (int i = 0; i < aIds.size(); i++) {
            resolved = resolved.replace("{m" + i + "}", aIds.get(i));
        }
        return switch (method) {
            case "PATCH" -> b.patch(resolved, body);
            default -> b.send(method, resolved, body);
        };
    }

    /** B's answer names none of A's messages or claim, except ids B itself put into the request. */
    private static void assertNoLeak(String path, ZaqarHttp.Response answer) {
        assertThat(answer.body()).doesNotContain(SECRET);
        for (int i = 0; i < aIds.size(); i++) {
            if (!path.contains("{m" + i + "}")) {
                assertThat(answer.body()).as("A's message id %s", i).doesNotContain(aIds.get(i));
            }
        }
        if (!path.contains("{c}")) {
            assertThat(answer.body()).doesNotContain(aClaim);
        }
    }

    /** A's whole visible state: metadata, every message with its body and claim, stats counts, the claim. */
    private static String snapshotOfA() {
        JsonNode metadata = a.get("/v2/queues/" + QUEUE).json();
        List<String> messages = new ArrayList<>();
        String next = "/v2/queues/" + QUEUE + "/messages?echo=true&include_claimed=true&limit=20";
        for (int page = 0; page < 5 && next != null; page++) {
            ZaqarHttp.Response answer = a.get(next);
            if (answer.status() == 204 || answer.json().path("messages").isEmpty()) {
                break;
            }
            answer.json().path("messages").forEach(m -> messages.add(m.path("id").asText() + ":"
                    + m.path("body") + ":" + m.path("href").asText().contains("claim_id=" + aClaim)));
            next = answer.json().path("links").path(0).path("href").asText(null);
        }
        JsonNode stats = a.get("/v2/queues/" + QUEUE + "/stats").json().path("messages");
        ZaqarHttp.Response claim = a.get("/v2/queues/" + QUEUE + "/claims/" + aClaim);
        Set<String> claimed = new TreeSet<>();
        if (claim.status() == 200) {
            claim.json().path("messages").forEach(m -> claimed.add(lastSegment(m.path("href").asText())));
        }
        return "metadata=" + metadata.path("owner").asText() + " messages=" + messages
                + " free=" + stats.path("free").asLong() + " claimed=" + stats.path("claimed").asLong()
                + " total=" + stats.path("total").asLong() + " claim=" + claim.status() + ":"
                + claim.json().path("ttl").asInt() + ":" + claimed;
    }

    private static String lastSegment(String href) {
        String path = href.contains("?") ? href.substring(0, href.indexOf('?')) : href;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
