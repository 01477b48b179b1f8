package io.shardq.partition.queues;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp.Response;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueuesApiIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    @Test
    void putCreatesOnceAndIgnoresBodyOnSecondPut() {
        ZaqarHttp client = server.client("put-project");
        Response first = client.put("/v2/queues/q1", "{\"color\":\"red\"}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/v2/queues/q1");
        assertThat(first.body()).isEmpty();
        Response second = client.put("/v2/queues/q1", "{\"color\":\"blue\"}");
        assertThat(second.status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q1").json().get("color").asText()).isEqualTo("red");
    }

    @Test
    void getFillsReservedDefaultsAndAnswersForMissingQueues() {
        ZaqarHttp client = server.client("get-project");
        client.put("/v2/queues/q1", "{\"_default_message_ttl\":120}");
        JsonNode existing = client.get("/v2/queues/q1").json();
        assertThat(existing.get("_default_message_ttl").asInt()).isEqualTo(120);
        assertThat(existing.get("_max_messages_post_size").asInt()).isEqualTo(262144);
        assertThat(existing.get("_dead_letter_queue").isNull()).isTrue();
        Response missing = client.get("/v2/queues/nope");
        assertThat(missing.status()).isEqualTo(200);
        assertThat(missing.json().get("_default_message_ttl").asInt()).isEqualTo(3600);
        assertThat(missing.json().size()).isEqualTo(7);
    }

    @Test
    void patchAddsReplacesAndRemovesKeys() {
        ZaqarHttp client = server.client("patch-project");
        client.put("/v2/queues/q1", "{\"a\":1,\"b\":2}");
        Response patched = client.patch("/v2/queues/q1", "[{\"op\":\"add\",\"path\":\"/metadata/c\",\"value\":3},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/a\",\"value\":10},{\"op\":\"remove\",\"path\":\"/metadata/b\"},"
                + "{\"op\":\"replace\",\"path\":\"/metadata/_default_message_ttl\",\"value\":300}]");
        assertThat(patched.status()).isEqualTo(200);
        JsonNode metadata = patched.json();
        assertThat(metadata.get("a").asInt()).isEqualTo(10);
        assertThat(metadata.has("b")).isFalse();
        assertThat(metadata.get("c").asInt()).isEqualTo(3);
        assertThat(metadata.get("_default_message_ttl").asInt()).isEqualTo(300);
        assertThat(client.get("/v2/queues/q1").json()).isEqualTo(metadata);
        assertThat(client.patch("/v2/queues/missing", "[{\"op\":\"add\",\"path\":\"/metadata/x\",\"value\":1}]")
                .status()).isEqualTo(404);
    }

    @Test
    void deleteRemovesQueueAndMessagesAndIsIdempotent() {
        ZaqarHttp client = server.client("delete-project");
        client.post("/v2/queues/q1/messages", "{\"messages\":[{\"body\":1},{\"body\":2}]}");
        assertThat(client.delete("/v2/queues/q1").status()).isEqualTo(204);
        assertThat(client.delete("/v2/queues/q1").status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q1/stats").json().at("/messages/total").asInt()).isZero();
        assertThat(client.get("/v2/queues").json().get("queues")).isEmpty();
    }

    @Test
    void listPagesInByteOrderWithLinksUntilAnEmptyPage() {
        ZaqarHttp client = server.client("list-project");
        List<String> names = List.of("b", "A", "a", "c-1", "c.2", "Z_", "0");
        names.forEach(name -> client.put("/v2/queues/" + name, null));
        List<String> seen = new ArrayList<>();
        String next = "/v2/queues?limit=3";
        while (true) {
            JsonNode page = client.get(next).json();
            if (page.get("queues").isEmpty()) {
                assertThat(page.get("links")).isEmpty();
                break;
            }
            page.get("queues").forEach(q -> {
                seen.add(q.get("name").asText());
                assertThat(q.get("href").asText()).isEqualTo("/v2/queues/" + q.get("name").asText());
                assertThat(q.has("metadata")).isFalse();
            });
            next = page.at("/links/0/href").asText();
            assertThat(next).startsWith("/v2/queues?").contains("limit=3").contains("marker=" + seen.get(seen.size() - 1));
        }
        assertThat(seen).containsExactly("0", "A", "Z_", "a", "b", "c-1", "c.2");
    }

    @Test
    void listDetailedAndWithCount() {
        ZaqarHttp client = server.client("detail-project");
        client.put("/v2/queues/q1", "{\"k\":\"v\"}");
        client.put("/v2/queues/q2", null);
        JsonNode page = client.get("/v2/queues?detailed=true&with_count=true").json();
        assertThat(page.get("count").asInt()).isEqualTo(2);
        assertThat(page.at("/queues/0/metadata/k").asText()).isEqualTo("v");
        assertThat(page.at("/queues/1/metadata/_default_message_ttl").asInt()).isEqualTo(3600);
        assertThat(page.at("/links/0/href").asText()).isEqualTo("/v2/queues?detailed=true&with_count=true&marker=q2");
    }

    @Test
    void projectsDoNotSeeEachOthersQueues() {
        server.client("tenant-a").put("/v2/queues/shared-name", "{\"owner\":\"a\"}");
        server.client("tenant-b").put("/v2/queues/shared-name", "{\"owner\":\"b\"}");
        assertThat(server.client("tenant-a").get("/v2/queues/shared-name").json().get("owner").asText())
                .isEqualTo("a");
        assertThat(server.client("tenant-c").get("/v2/queues").json().get("queues")).isEmpty();
    }

    @Test
    void statsCountFreeAndClaimedWithOldestAndNewest() {
        ZaqarHttp client = server.client("stats-project");
        client.post("/v2/queues/q1/messages", "{\"messages\":[{\"body\":1},{\"body\":2},{\"body\":3}]}");
        client.post("/v2/queues/q1/claims?limit=1", null);
        JsonNode stats = client.get("/v2/queues/q1/stats").json().get("messages");
        assertThat(stats.get("claimed").asInt()).isEqualTo(1);
        assertThat(stats.get("free").asInt()).isEqualTo(2);
        assertThat(stats.get("total").asInt()).isEqualTo(3);
        assertThat(stats.at("/oldest/href").asText()).startsWith("/v2/queues/q1/messages/");
        assertThat(stats.at("/oldest/created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(stats.at("/newest/age").asInt()).isZero();
        assertThat(client.get("/v2/queues/empty/stats").json().get("messages").has("oldest")).isFalse();
    }

    @Test
    void purgeRemovesMessagesButKeepsTheQueue() {
        ZaqarHttp client = server.client("purge-project");
        client.put("/v2/queues/q1", "{\"keep\":true}");
        client.post("/v2/queues/q1/messages", "{\"messages\":[{\"body\":1},{\"body\":2}]}");
        assertThat(client.post("/v2/queues/q1/purge", "{\"resource_types\":[\"messages\"]}").status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q1/stats").json().at("/messages/total").asInt()).isZero();
        assertThat(client.get("/v2/queues/q1").json().get("keep").asBoolean()).isTrue();
        client.post("/v2/queues/q1/messages", "{\"messages\":[{\"body\":3}]}");
        assertThat(client.post("/v2/queues/q1/purge", null).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q1/stats").json().at("/messages/total").asInt()).isZero();
    }
}
