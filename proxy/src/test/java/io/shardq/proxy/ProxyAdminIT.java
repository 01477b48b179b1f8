package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.QueueKey;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy's admin API over a real socket: token, partitions, catalogue, health, metrics, error shapes. */
class ProxyAdminIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1, 2).build();

    private static final Pattern PROMETHEUS_SAMPLE = Pattern.compile(
            "^[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})? -?([0-9.eE+-]+|NaN|\\+Inf|-Inf)$");

    private static ZaqarHttp admin() {
        return fleet.admin();
    }

    @ParameterizedTest(name = "{0} {1} with authorization ''{2}''")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "GET    | /v2/partitions    | NONE",
        "GET    | /v2/partitions    | Bearer wrong-token-0123456789",
        "GET    | /v2/partitions    | Basic YWRtaW46YWRtaW4=",
        "GET    | /v2/partitions/p1 | Bearer",
        "DELETE | /v2/partitions/p1 | NONE",
        "PUT    | /v2/partitions/p7 | Bearer " + FleetExtension.ADMIN_TOKEN + "-not",
        "GET    | /v2/catalogue     | " + FleetExtension.ADMIN_TOKEN,
        "GET    | /v2/health        | Bearer " + FleetExtension.ADMIN_TOKEN + "x",
    })
    void adminApiRefusesRequestsWithoutTheRightBearerToken(String method, String path, String authorization) {
        ZaqarHttp client = ZaqarHttp.to(fleet.proxy().adminUrl()).header("Authorization", authorization);
        ZaqarHttp.Response answer = client.send(method, path,
                method.equals("PUT") ? "{\"weight\":1,\"nodes\":[\"http://127.0.0.1:1\"]}" : null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.title()).isEqualTo("Unauthorized");
        assertThat(answer.description()).contains("Authorization: Bearer");
        assertThat(fleet.proxy().store().partitions().get("p1")).isPresent();
        assertThat(fleet.proxy().store().partitions().get("p7")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Bearer", "bearer", "BEARER"})
    void adminApiAcceptsTheTokenWithTheSchemeInAnyCase(String scheme) {
        ZaqarHttp client = ZaqarHttp.to(fleet.proxy().adminUrl())
                .header("Authorization", scheme + " " + FleetExtension.ADMIN_TOKEN);

        assertThat(client.get("/v2/partitions").status()).isEqualTo(200);
    }

    @Test
    void listsEveryPartitionWithItsNodes() {
        ZaqarHttp.Response answer = admin().get("/v2/partitions");

        assertThat(answer.status()).isEqualTo(200);
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        answer.json().path("partitions").forEach(p -> byName.put(p.path("name").asText(), p));
        assertThat(byName).containsKeys("p1", "p2");
        for (String name : List.of("p1", "p2")) {
            JsonNode partition = byName.get(name);
            assertThat(partition.path("weight").asInt()).isEqualTo(1);
            assertThat(partition.path("state").asText()).isEqualTo("active");
            assertThat(partition.path("href").asText()).isEqualTo("/v2/partitions/" + name);
            assertThat(texts(partition.path("nodes")))
                    .containsExactlyElementsOf(fleet.nodes(name).stream().map(n -> n.publicUrl()).toList());
        }
    }

    @Test
    void showsAPartitionWithTheNumberOfQueuesItHolds() {
        for (int i = 0; i < 5; i++) {
            assertThat(fleet.client("admin-show").put("/v2/queues/show-" + i, null).status()).isEqualTo(201);
        }
        Map<String, Long> counts = fleet.proxy().store().catalogue().countByPartition();
        long total = 0;
        for (String name : List.of("p1", "p2")) {
            ZaqarHttp.Response answer = admin().get("/v2/partitions/" + name);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().path("name").asText()).isEqualTo(name);
            assertThat(answer.json().path("queues").asLong()).isEqualTo(counts.getOrDefault(name, 0L));
            total += answer.json().path("queues").asLong();
        }
        assertThat(total).isGreaterThanOrEqualTo(5);

        ZaqarHttp.Response missing = admin().get("/v2/partitions/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.title()).isNotBlank();
        assertThat(missing.description()).contains("nope");
    }

    @Test
    void putCreatesAPartitionThenReplacesIt() {
        String body = "{\"weight\":0,\"nodes\":[\"http://127.0.0.1:1\"],\"agent\":\"http://127.0.0.1:2\","
                + "\"capabilities\":{\"fifo\":true}}";
        assertThat(admin().put("/v2/partitions/put-me", body).status()).isEqualTo(201);
        assertThat(admin().put("/v2/partitions/put-me", "{\"weight\":0,\"nodes\":[\"http://127.0.0.1:3\","
                + "\"http://127.0.0.1:4\"]}").status()).isEqualTo(204);

        JsonNode shown = admin().get("/v2/partitions/put-me").json();
        assertThat(texts(shown.path("nodes"))).containsExactly("http://127.0.0.1:3", "http://127.0.0.1:4");
        assertThat(shown.path("weight").asInt()).isZero();
        assertThat(shown.path("queues").asLong()).isZero();
        assertThat(fleet.proxy().directory().get("put-me")).isPresent();

        assertThat(admin().delete("/v2/partitions/put-me").status()).isEqualTo(204);
        assertThat(admin().get("/v2/partitions/put-me").status()).isEqualTo(404);
        assertThat(fleet.proxy().directory().get("put-me")).isEmpty();
    }

    @Test
    void patchChangesWeightAndState() {
        assertThat(admin().put("/v2/partitions/patch-me", "{\"weight\":0,\"nodes\":[\"http://127.0.0.1:1\"]}")
                .status()).isEqualTo(201);

        ZaqarHttp.Response weighted = admin().patch("/v2/partitions/patch-me", "{\"weight\":3}");
        assertThat(weighted.status()).isEqualTo(200);
        assertThat(weighted.json().path("weight").asInt()).isEqualTo(3);
        assertThat(weighted.json().path("state").asText()).isEqualTo("active");

        ZaqarHttp.Response draining = admin().patch("/v2/partitions/patch-me", "{\"state\":\"draining\"}");
        assertThat(draining.status()).isEqualTo(200);
        assertThat(draining.json().path("weight").asInt()).isEqualTo(3);
        assertThat(draining.json().path("state").asText()).isEqualTo("draining");
        assertThat(fleet.proxy().store().partitions().get("patch-me").orElseThrow().state().wireName())
                .isEqualTo("draining");

        assertThat(admin().patch("/v2/partitions/missing", "{\"weight\":1}").status()).isEqualTo(404);
        assertThat(admin().delete("/v2/partitions/patch-me").status()).isEqualTo(204);
    }

    @Test
    void deleteIsRefusedWhileThePartitionHoldsQueues() {
        String p1Nodes = fleet.nodes("p1").get(0).publicUrl();
        assertThat(admin().put("/v2/partitions/holder", "{\"weight\":0,\"nodes\":[\"" + p1Nodes + "\"]}").status())
                .isEqualTo(201);
        CatalogueStore side = fleet.sideStore();
        QueueKey key = QueueKey.of("admin-delete", "held");
        side.catalogue().createIfAbsent(key, () -> "holder");

        ZaqarHttp.Response refused = admin().delete("/v2/partitions/holder");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.title()).isNotBlank();
        assertThat(refused.description()).contains("holder");
        assertThat(admin().get("/v2/partitions/holder").json().path("queues").asLong()).isEqualTo(1);

        side.catalogue().delete(key);
        assertThat(admin().delete("/v2/partitions/holder").status()).isEqualTo(204);
        assertThat(fleet.proxy().store().partitions().get("holder")).isEmpty();
    }

    @Test
    void catalogueListsAndShowsTheEntriesOfAProject() {
        ZaqarHttp tenant = fleet.client("admin-catalogue");
        for (String queue : List.of("c-b", "c-a", "c-c")) {
            assertThat(tenant.put("/v2/queues/" + queue, null).status()).isEqualTo(201);
        }
        ZaqarHttp projectAdmin = admin().header("X-Project-ID", "admin-catalogue");

        ZaqarHttp.Response first = projectAdmin.get("/v2/catalogue?limit=2");
        assertThat(first.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        first.json().path("catalogue").forEach(entries::add);
        assertThat(entries).extracting(e -> e.path("queue").asText()).containsExactly("c-a", "c-b");
        String next = first.json().path("links").get(0).path("href").asText();
        assertThat(next).contains("marker=c-b");
        projectAdmin.get(next).json().path("catalogue").forEach(entries::add);
        assertThat(entries).extracting(e -> e.path("queue").asText()).containsExactly("c-a", "c-b", "c-c");
        for (JsonNode entry : entries) {
            String partition = fleet.proxy().store().catalogue()
                    .lookupFresh(QueueKey.of("admin-catalogue", entry.path("queue").asText())).orElseThrow().partition();
            assertThat(entry.path("partition").asText()).isEqualTo(partition);
            assertThat(entry.path("state").asText()).isEqualTo("active");
            assertThat(entry.path("version").asLong()).isEqualTo(1);
            assertThat(entry.path("href").asText()).isEqualTo("/v2/catalogue/" + entry.path("queue").asText());
        }

        ZaqarHttp.Response shown = projectAdmin.get("/v2/catalogue/c-b");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("queue").asText()).isEqualTo("c-b");
        assertThat(shown.json().path("partition").asText()).isIn("p1", "p2");

        ZaqarHttp.Response otherProject = admin().header("X-Project-ID", "someone-else").get("/v2/catalogue/c-b");
        assertThat(otherProject.status()).isEqualTo(404);
        assertThat(otherProject.description()).contains("c-b");
        assertThat(admin().header("X-Project-ID", "someone-else").get("/v2/catalogue").json().path("catalogue"))
                .isEmpty();
    }

    @Test
    void healthReportsEveryPartitionAndNode() {
        ZaqarHttp.Response answer = admin().get("/v2/health");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("healthy").asBoolean()).isTrue();
        Map<String, JsonNode> byName = new java.util.TreeMap<>();
        body.path("partitions").forEach(p -> byName.put(p.path("name").asText(), p));
        for (String name : List.of("p1", "p2")) {
            JsonNode partition = byName.get(name);
            assertThat(partition).as(name).isNotNull();
            assertThat(partition.path("serving").asBoolean()).isTrue();
            List<String> uris = StreamSupport.stream(partition.path("nodes").spliterator(), false)
                    .map(n -> n.path("uri").asText()).toList();
            assertThat(uris).containsExactlyElementsOf(fleet.nodes(name).stream().map(n -> n.publicUrl()).toList());
            partition.path("nodes").forEach(n -> assertThat(n.path("healthy").asBoolean()).isTrue());
        }
    }

    @Test
    void metricsAreServedAsPrometheusTextAndCountQueueRequests() {
        long before = queueRequests();
        assertThat(fleet.client("admin-metrics").get("/v2/queues/metered/stats").status()).isEqualTo(200);

        ZaqarHttp.Response answer = admin().get("/metrics");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain").contains("version=0.0.4");
        for (String line : answer.body().split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                assertThat(line).matches(PROMETHEUS_SAMPLE);
            }
        }
        assertThat(queueRequests()).isEqualTo(before + 1);
    }

    private static long queueRequests() {
        String metric = "io_shardq_proxy_http_ProxyDispatcher_queue_requests_count ";
        return answerLines(admin().get("/metrics").body()).stream().filter(line -> line.startsWith(metric))
                .map(line -> (long) Double.parseDouble(line.substring(metric.length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + "in /metrics"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "PUT   | /v2/partitions/bad | ''",
        "PUT   | /v2/partitions/bad | {not json",
        "PUT   | /v2/partitions/bad | [1,2]",
        "PUT   | /v2/partitions/bad | {\"weight\":1}",
        "PUT   | /v2/partitions/bad | {\"weight\":\"heavy\",\"nodes\":[\"http://127.0.0.1:1\"]}",
        "PUT   | /v2/partitions/bad | {\"weight\":-1,\"nodes\":[\"http://127.0.0.1:1\"]}",
        "PUT   | /v2/partitions/bad | {\"weight\":1,\"nodes\":[]}",
        "PUT   | /v2/partitions/bad | {\"weight\":1,\"nodes\":[\"not a uri\"]}",
        "PUT   | /v2/partitions/bad | {\"weight\":1,\"nodes\":[\"ftp://127.0.0.1:1\"]}",
        "PUT   | /v2/partitions/b@d | {\"weight\":1,\"nodes\":[\"http://127.0.0.1:1\"]}",
        "PATCH | /v2/partitions/p1  | {}",
        "PATCH | /v2/partitions/p1  | {\"state\":\"sleeping\"}",
        "PATCH | /v2/partitions/p1  | {\"weight\":-5}",
        "PATCH | /v2/partitions/p1  | ''",
    })
    void badBodiesGetZaqarShaped400s(String method, String path, String body) {
        ZaqarHttp.Response answer = method.equals("PATCH") ? admin().patch(path, body)
                : admin().send(method, path, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.title()).isNotBlank();
        assertThat(answer.description()).isNotBlank();
        assertThat(fleet.proxy().store().partitions().get("bad")).isEmpty();
        JsonNode p1 = admin().get("/v2/partitions/p1").json();
        assertThat(p1.path("weight").asInt()).isEqualTo(1);
        assertThat(p1.path("state").asText()).isEqualTo("active");
    }

    private static List<String> answerLines(String body) {
        return List.of(body.split("\n"));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
