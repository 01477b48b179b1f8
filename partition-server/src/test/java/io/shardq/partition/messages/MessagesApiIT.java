package io.shardq.partition.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp.Response;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MessagesApiIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    private static List<String> ids(Response posted) {
        List<String> ids = new ArrayList<>();
        posted.json().get("resources").forEach(r -> ids.add(r.asText().substring(r.asText().lastIndexOf('/') + 1)));
        return ids;
    }

    @Test
    void postCreatesQueueLazilyAndAnswersHrefsInOrder() {
        ZaqarHttp client = server.client("post-project");
        Response posted = client.post("/v2/queues/lazy/messages",
                "{\"messages\":[{\"ttl\":300,\"body\":{\"event\":\"a\"}},{\"body\":\"str\"},{\"body\":null},{\"body\":[1,2]},{\"body\":5}]}");
        assertThat(posted.status()).isEqualTo(201);
        List<String> ids = ids(posted);
        assertThat(ids).hasSize(5).doesNotHaveDuplicates();
        assertThat(posted.header("Location")).isEqualTo("/v2/queues/lazy/messages?ids=" + String.join(",", ids));
        assertThat(client.get("/v2/queues").json().at("/queues/0/name").asText()).isEqualTo("lazy");
        JsonNode listed = client.get("/v2/queues/lazy/messages?echo=true").json().get("messages");
        assertThat(listed).hasSize(5);
        assertThat(listed.get(0).get("body").get("event").asText()).isEqualTo("a");
        assertThat(listed.get(0).get("ttl").asInt()).isEqualTo(300);
        assertThat(listed.get(1).get("body").asText()).isEqualTo("str");
        assertThat(listed.get(1).get("ttl").asInt()).isEqualTo(3600);
        assertThat(listed.get(2).get("body").isNull()).isTrue();
        assertThat(listed.get(3).get("body").toString()).isEqualTo("[1,2]");
        assertThat(listed.get(4).get("body").asInt()).isEqualTo(5);
        assertThat(listed.get(0).get("href").asText()).isEqualTo("/v2/queues/lazy/messages/" + ids.get(0));
    }

    @Test
    void queueDefaultTtlAppliesWhenMessagesGiveNone() {
        ZaqarHttp client = server.client("ttl-project");
        client.put("/v2/queues/q", "{\"_default_message_ttl\":120}");
        client.post("/v2/queues/q/messages", "{\"messages\":[{\"body\":1}]}");
        assertThat(client.get("/v2/queues/q/messages?echo=true").json().at("/messages/0/ttl").asInt()).isEqualTo(120);
    }

    @Test
    void echoHidesOwnMessagesAndIncludeClaimedShowsClaimed() {
        ZaqarHttp producer = server.client("echo-project");
        ZaqarHttp consumer = server.client("echo-project");
        producer.post("/v2/queues/q/messages", "{\"messages\":[{\"body\":1},{\"body\":2}]}");
        assertThat(producer.get("/v2/queues/q/messages").json().get("messages")).isEmpty();
        assertThat(consumer.get("/v2/queues/q/messages").json().get("messages")).hasSize(2);
        consumer.post("/v2/queues/q/claims?limit=1", null);
        assertThat(consumer.get("/v2/queues/q/messages").json().get("messages")).hasSize(1);
        assertThat(consumer.get("/v2/queues/q/messages?include_claimed=true").json().get("messages")).hasSize(2);
    }

    @Test
    void listingPagesWithStableMarkersEvenAfterDeletion() {
        ZaqarHttp client = server.client("page-project");
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < 25; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"body\":").append(i).append('}');
        }
        List<String> ids = ids(client.post("/v2/queues/q/messages", batch.append("]}").toString()));
        JsonNode first = client.get("/v2/queues/q/messages?echo=true&limit=10").json();
        assertThat(first.get("messages")).hasSize(10);
        String next = first.at("/links/0/href").asText();
        assertThat(next).startsWith("/v2/queues/q/messages?limit=10&echo=true&include_delayed=true&marker=");
        assertThat(client.delete("/v2/queues/q/messages/" + ids.get(9)).status()).isEqualTo(204);
        List<Integer> bodies = new ArrayList<>();
        first.get("messages").forEach(m -> bodies.add(m.get("body").asInt()));
        while (true) {
            JsonNode page = client.get(next).json();
            if (page.get("messages").isEmpty()) {
                break;
            }
            page.get("messages").forEach(m -> bodies.add(m.get("body").asInt()));
            next = page.at("/links/0/href").asText();
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            expected.add(i);
        }
        assertThat(bodies).containsExactlyElementsOf(expected);
    }

    @Test
    void getByIdAndByIdsAndScopedToTheQueue() {
        ZaqarHttp client = server.client("get-project");
        List<String> ids = ids(client.post("/v2/queues/q/messages", "{\"messages\":[{\"body\":\"x\"},{\"body\":\"y\"}]}"));
        Response one = client.get("/v2/queues/q/messages/" + ids.get(1));
        assertThat(one.json().get("body").asText()).isEqualTo("y");
        assertThat(one.json().get("id").asText()).isEqualTo(ids.get(1));
        JsonNode many = client.get("/v2/queues/q/messages?ids=" + ids.get(1) + ",unknown," + ids.get(0)).json();
        assertThat(many.get("messages")).hasSize(2);
        assertThat(many.has("links")).isFalse();
        assertThat(client.get("/v2/queues/other/messages/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(server.client("other-project").get("/v2/queues/q/messages/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(server.client("other-project").delete("/v2/queues/q/messages/" + ids.get(0)).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q/messages/" + ids.get(0)).status()).isEqualTo(200);
    }

    @Test
    void bulkDeleteIgnoresClaimsAndPopIsFifo() {
        ZaqarHttp client = server.client("bulk-project");
        List<String> ids = ids(client.post("/v2/queues/q/messages",
                "{\"messages\":[{\"body\":0},{\"body\":1},{\"body\":2},{\"body\":3},{\"body\":4}]}"));
        client.post("/v2/queues/q/claims?limit=1", null);
        assertThat(client.delete("/v2/queues/q/messages?ids=" + ids.get(0) + "," + ids.get(1)).status()).isEqualTo(204);
        Response popped = client.delete("/v2/queues/q/messages?pop=2");
        assertThat(popped.status()).isEqualTo(200);
        JsonNode messages = popped.json().get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("body").asInt()).isEqualTo(2);
        assertThat(messages.get(1).get("body").asInt()).isEqualTo(3);
        assertThat(messages.get(0).has("href")).isFalse();
        assertThat(messages.get(0).has("claim_count")).isTrue();
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isEqualTo(1);
        assertThat(client.delete("/v2/queues/empty/messages?pop=3").json().get("messages")).isEmpty();
    }

    @Test
    void singleDeleteFollowsClaimRules() {
        ZaqarHttp client = server.client("claimdel-project");
        List<String> ids = ids(client.post("/v2/queues/q/messages", "{\"messages\":[{\"body\":1},{\"body\":2}]}"));
        Response claim = client.post("/v2/queues/q/claims?limit=1", null);
        String href = claim.json().at("/messages/0/href").asText();
        String claimId = href.substring(href.indexOf("claim_id=") + 9);
        String claimedId = claim.json().at("/messages/0/id").asText();
        assertThat(client.delete("/v2/queues/q/messages/" + claimedId).status()).isEqualTo(403);
        assertThat(client.delete("/v2/queues/q/messages/" + ids.get(1) + "?claim_id=" + claimId).status()).isEqualTo(400);
        assertThat(client.delete(href).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q/messages/" + claimedId).status()).isEqualTo(404);
        assertThat(client.delete("/v2/queues/q/messages/" + claimedId).status()).isEqualTo(204);
    }

    @Test
    void delayedMessagesAreHiddenUntilTheirDelayPasses() {
        ZaqarHttp client = server.client("delay-project");
        client.put("/v2/queues/q", "{\"_default_message_delay\":30}");
        client.post("/v2/queues/q/messages", "{\"messages\":[{\"body\":\"late\"},{\"body\":\"now\",\"delay\":0}]}");
        JsonNode visible = client.get("/v2/queues/q/messages?echo=true").json().get("messages");
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).get("body").asText()).isEqualTo("now");
        assertThat(client.get("/v2/queues/q/messages?echo=true&include_delayed=true").json().get("messages")).hasSize(2);
        server.clock().advanceSeconds(31);
        assertThat(client.get("/v2/queues/q/messages?echo=true").json().get("messages")).hasSize(2);
    }

    @Test
    void expiredMessagesVanishEverywhereWithoutSleeping() {
        ZaqarHttp client = server.client("expiry-project");
        List<String> ids = ids(client.post("/v2/queues/q/messages", "{\"messages\":[{\"ttl\":60,\"body\":1},{\"ttl\":120,\"body\":2}]}"));
        server.clock().advanceSeconds(60);
        assertThat(client.get("/v2/queues/q/messages/" + ids.get(0)).status()).isEqualTo(404);
        assertThat(client.get("/v2/queues/q/messages?echo=true").json().get("messages")).hasSize(1);
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isEqualTo(1);
        JsonNode claimed = client.post("/v2/queues/q/claims", null).json().get("messages");
        assertThat(claimed).hasSize(1);
        assertThat(claimed.get(0).get("body").asInt()).isEqualTo(2);
        assertThat(claimed.get(0).get("age").asInt()).isEqualTo(60);
    }

    @Test
    void v11PostIgnoresQueueReservedMetadataAndQueueGetIsRaw() {
        ZaqarHttp client = server.client("v11-project");
        client.put("/v2/queues/q", "{\"_default_message_ttl\":120,\"_default_message_delay\":10}");
        assertThat(client.get("/v1.1/queues/q").json().size()).isEqualTo(2);
        assertThat(client.post("/v1.1/queues/q/messages", "{\"messages\":[{\"body\":1,\"delay\":5}]}").status())
                .isEqualTo(201);
        JsonNode listed = client.get("/v1.1/queues/q/messages?echo=true").json();
        assertThat(listed.at("/messages/0/ttl").asInt()).isEqualTo(3600);
        assertThat(listed.at("/messages/0/href").asText()).startsWith("/v1.1/queues/q/messages/");
        assertThat(listed.at("/links/0/href").asText()).doesNotContain("include_delayed");
        assertThat(client.get("/v1.1/queues/missing").json().size()).isZero();
    }
}
