package io.shardq.partition.fences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.testing.PartitionNodesExtension;
import io.shardq.testing.ZaqarHttp.Response;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fence answer over HTTP on two nodes of one partition (DESIGN.md, "Fence answer of a partition node"):
 * a fence set through one node's admin API governs both nodes; refused requests change nothing.
 */
class FencesApiIT {

    @RegisterExtension
    static final PartitionNodesExtension partition = new PartitionNodesExtension(2);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** A project of each test's own, so queue listings show only its queues. */
    private String project;
    private String queue;
    private String path;
    private String claimId;
    private List<String> ids;

    @BeforeEach
    void populate() {
        project = "fenced-" + SEQUENCE.incrementAndGet();
        queue = "orders";
        path = "/v2/queues/" + queue;
        ZaqarHttp producer = node(0);
        assertThat(producer.put(path, "{\"color\":\"red\"}").status()).isEqualTo(201);
        Response posted = producer.post(path + "/messages",
                "{\"messages\":[{\"body\":1},{\"body\":2},{\"body\":3},{\"body\":4},{\"body\":5}]}");
        ids = hrefIds(posted);
        Response claimed = node(1).post(path + "/claims?limit=2", "{\"ttl\":300,\"grace\":60}");
        assertThat(claimed.status()).isEqualTo(201);
        String location = claimed.header("Location");
        claimId = location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aFreezeSetOnOneNodeRefusesWritesOnBothAndChangesNothing() {
        assertThat(setFence(0, "frozen").status()).isEqualTo(204);
        assertThat(partition.admin(1).get(fencePath()).json().get("fence").asText()).isEqualTo("frozen");
        Map<String, JsonNode> before = observe(0);

        for (int node = 0; node < 2; node++) {
            for (Function<ZaqarHttp, Response> write : writes()) {
                assertFenced(write.apply(node(node)), "frozen");
            }
        }

        for (int node = 0; node < 2; node++) {
            assertThat(observe(node)).isEqualTo(before);
        }
        assertThat(node(1).get(path + "/messages/" + ids.get(4)).status()).isEqualTo(200);
        assertThat(node(1).post("/v2/queues/" + queue + "-other/messages", "{\"messages\":[{\"body\":1}]}").status())
                .isEqualTo(201);

        assertThat(setFence(1, "active").status()).isEqualTo(204);
        assertThat(node(1).post(path + "/messages", "{\"messages\":[{\"body\":6}]}").status()).isEqualTo(201);
        assertThat(node(0).delete(path + "/messages/" + ids.get(4)).status()).isEqualTo(204);
    }

    @Test
    void aMovedQueueRefusesEveryRequestOnBothNodesAndNamesItsNewPartition() {
        assertThat(setFence(1, "moved; to=p2").status()).isEqualTo(204);
        assertThat(partition.admin(0).get(fencePath()).json().get("fence").asText()).isEqualTo("moved; to=p2");
        List<Function<ZaqarHttp, Response>> requests = new ArrayList<>(writes());
        requests.addAll(reads());

        for (int node = 0; node < 2; node++) {
            for (Function<ZaqarHttp, Response> request : requests) {
                assertFenced(request.apply(node(node)), "moved; to=p2");
            }
        }
        ZaqarHttp other = node(0);
        assertThat(other.put("/v2/queues/" + queue + "-neighbour", null).status()).isEqualTo(201);
        assertThat(other.get("/v2/queues/" + queue + "-neighbour/stats").status()).isEqualTo(200);
        assertThat(node(1).get("/v2/queues").status()).isEqualTo(200);

        assertThat(setFence(0, "active").status()).isEqualTo(204);
        assertThat(observe(1).get("messages").get("messages")).hasSize(5);
        assertThat(node(0).post(path + "/claims", null).status()).isEqualTo(201);
    }

    @Test
    void readsOfAFrozenQueueWorkOnBothNodes() {
        setFence(0, "frozen");
        for (int node = 0; node < 2; node++) {
            for (Function<ZaqarHttp, Response> read : reads()) {
                Response response = read.apply(node(node));
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                assertThat(response.header("X-Queue-Fence")).isNull();
            }
        }
        setFence(0, "active");
    }

    @Test
    void theFenceOfAnUnfencedQueueIsActive() {
        Response fence = partition.admin(0).get("/v2/fences?project=nobody&queue=" + queue);
        assertThat(fence.status()).isEqualTo(200);
        assertThat(fence.json().get("fence").asText()).isEqualTo("active");
        assertThat(partition.admin(0).get("/v2/fences?queue=" + queue).json().get("fence").asText()).isEqualTo("active");
    }

    @Test
    void settingABadFenceIsRefused() {
        ZaqarHttp admin = partition.admin(0);
        assertThat(admin.put(fencePath(), "{\"fence\":\"melted\"}").status()).isEqualTo(400);
        assertThat(admin.put(fencePath(), "{\"fence\":\"moved; to=\"}").status()).isEqualTo(400);
        assertThat(admin.put(fencePath(), "{}").status()).isEqualTo(400);
        assertThat(admin.put(fencePath(), null).status()).isEqualTo(400);
        assertThat(admin.put("/v2/fences?project=" + project, "{\"fence\":\"frozen\"}").status()).isEqualTo(400);
        assertThat(admin.get("/v2/fences?project=" + project + "&queue=bad%2Fname").status()).isEqualTo(400);
        assertThat(admin.get(fencePath()).json().get("fence").asText()).isEqualTo("active");
    }

    @Test
    void fencesAreNotServedOnThePublicListener() {
        assertThat(node(0).get(fencePath()).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- requests

    private List<Function<ZaqarHttp, Response>> writes() {
        String message = path + "/messages/" + ids.get(4);
        String claim = path + "/claims/" + claimId;
        return List.of(
                client -> client.post(path + "/messages", "{\"messages\":[{\"body\":9}]}"),
                client -> client.post(path + "/claims", "{\"ttl\":300}"),
                client -> client.delete(message),
                client -> client.delete(path + "/messages/" + ids.get(0) + "?claim_id=" + claimId),
                client -> client.delete(path + "/messages?ids=" + ids.get(3)),
                client -> client.delete(path + "/messages?pop=2"),
                client -> client.put(path, "{\"color\":\"blue\"}"),
                client -> client.patch(path, "[{\"op\":\"replace\",\"path\":\"/metadata/color\",\"value\":\"green\"}]"),
                client -> client.delete(path),
                client -> client.post(path + "/purge", "{\"resource_types\":[\"messages\"]}"),
                client -> client.header("Content-Type", "application/json").send("PATCH", claim, "{\"ttl\":600}"),
                client -> client.delete(claim),
                client -> client.post("/v1.1/queues/" + queue + "/messages", "{\"messages\":[{\"body\":9}]}"));
    }

    private List<Function<ZaqarHttp, Response>> reads() {
        return List.of(
                client -> client.get(path),
                client -> client.get(path + "/stats"),
                client -> client.get(path + "/messages?echo=true&include_claimed=true"),
                client -> client.get(path + "/messages/" + ids.get(4)),
                client -> client.get(path + "/messages?ids=" + ids.get(3) + "," + ids.get(4)),
                client -> client.get(path + "/claims/" + claimId),
                client -> client.get("/v1.1/queues/" + queue + "/stats"));
    }

    /** Everything a client sees of the queue, through node {@code index}. */
    private Map<String, JsonNode> observe(int index) {
        ZaqarHttp client = node(index);
        return Map.of(
                "metadata", client.get(path).json(),
                "stats", client.get(path + "/stats").json(),
                "messages", client.get(path + "/messages?echo=true&include_claimed=true").json(),
                "claim", withoutAge(client.get(path + "/claims/" + claimId).json()),
                "queues", client.get("/v2/queues?detailed=true").json());
    }

    private static JsonNode withoutAge(JsonNode claim) {
        ((ObjectNode) claim).remove("age");
        return claim;
    }

    private void assertFenced(Response response, String fence) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.header("X-Queue-Fence")).isEqualTo(fence);
        assertThat(response.title()).isEqualTo("Queue fenced");
        assertThat(response.description()).contains(project);
    }

    private Response setFence(int node, String fence) {
        return partition.admin(node).put(fencePath(), "{\"fence\":\"" + fence + "\"}");
    }

    private String fencePath() {
        return "/v2/fences?project=" + project + "&queue=" + queue;
    }

    private ZaqarHttp node(int index) {
        return partition.client(index, project);
    }

    private static List<String> hrefIds(Response posted) {
        List<String> found = new ArrayList<>();
        posted.json().get("resources").forEach(r -> found.add(r.asText().substring(r.asText().lastIndexOf('/') + 1)));
        return found;
    }
}
