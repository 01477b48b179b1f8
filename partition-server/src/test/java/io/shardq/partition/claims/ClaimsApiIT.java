package io.shardq.partition.claims;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp.Response;
import io.shardq.testing.ZaqarHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClaimsApiIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    private static String post(ZaqarHttp client, String queue, int count, int ttl) {
        StringBuilder batch = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < count; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"ttl\":").append(ttl).append(",\"body\":").append(i).append('}');
        }
        return client.post("/v2/queues/" + queue + "/messages", batch.append("]}").toString()).body();
    }

    private static String claimId(Response created) {
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void createClaimsOldestFirstWithClaimHrefsAndDefaults() {
        ZaqarHttp client = server.client("create-project");
        post(client, "q", 5, 3600);
        Response created = client.post("/v2/queues/q/claims?limit=3", null);
        assertThat(created.status()).isEqualTo(201);
        String claimId = claimId(created);
        assertThat(created.header("Location")).isEqualTo("/v2/queues/q/claims/" + claimId);
        JsonNode messages = created.json().get("messages");
        assertThat(messages).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(messages.get(i).get("body").asInt()).isEqualTo(i);
            assertThat(messages.get(i).get("href").asText()).endsWith("?claim_id=" + claimId);
        }
        JsonNode claim = client.get("/v2/queues/q/claims/" + claimId).json();
        assertThat(claim.get("ttl").asInt()).isEqualTo(300);
        assertThat(claim.get("age").asInt()).isZero();
        assertThat(claim.get("href").asText()).isEqualTo("/v2/queues/q/claims/" + claimId);
        assertThat(claim.get("messages")).hasSize(3);
        Response second = client.post("/v2/queues/q/claims?limit=10", "{\"ttl\":60,\"grace\":60}");
        assertThat(second.json().get("messages")).hasSize(2);
        assertThat(client.post("/v2/queues/q/claims", null).status()).isEqualTo(204);
        assertThat(client.post("/v2/queues/missing/claims", null).status()).isEqualTo(204);
    }

    @Test
    void graceExtendsShortLivedMessagesBeyondTheClaim() {
        ZaqarHttp client = server.client("grace-project");
        post(client, "q", 1, 60);
        server.clock().advanceSeconds(10);
        Response created = client.post("/v2/queues/q/claims", "{\"ttl\":60,\"grace\":60}");
        JsonNode message = created.json().at("/messages/0");
        assertThat(message.get("ttl").asInt()).isEqualTo(120);
        String id = message.get("id").asText();
        server.clock().advanceSeconds(52);
        assertThat(client.get("/v2/queues/q/messages/" + id).status()).isEqualTo(200);
        assertThat(client.get("/v2/queues/q/claims/" + claimId(created)).status()).isEqualTo(200);
        server.clock().advanceSeconds(60);
        assertThat(client.get("/v2/queues/q/messages/" + id).status()).isEqualTo(200);
        server.clock().advanceSeconds(10);
        assertThat(client.get("/v2/queues/q/messages/" + id).status()).isEqualTo(404);
    }

    @Test
    void expiredClaimReleasesMessagesAndAnswers404ThenDeleteIs204() {
        ZaqarHttp client = server.client("expire-project");
        post(client, "q", 2, 3600);
        Response created = client.post("/v2/queues/q/claims", "{\"ttl\":60,\"grace\":60}");
        String claimId = claimId(created);
        assertThat(client.get("/v2/queues/q/messages?echo=true").json().get("messages")).isEmpty();
        server.clock().advanceSeconds(61);
        assertThat(client.get("/v2/queues/q/claims/" + claimId).status()).isEqualTo(404);
        assertThat(client.send("PATCH", "/v2/queues/q/claims/" + claimId, "{\"ttl\":100}").status()).isEqualTo(404);
        assertThat(client.delete("/v2/queues/q/claims/" + claimId).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q/messages?echo=true").json().get("messages")).hasSize(2);
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/claimed").asInt()).isZero();
        assertThat(client.post("/v2/queues/q/claims", null).json().get("messages")).hasSize(2);
    }

    @Test
    void releaseMakesMessagesAvailableAtOnce() {
        ZaqarHttp client = server.client("release-project");
        post(client, "q", 3, 3600);
        String claimId = claimId(client.post("/v2/queues/q/claims?limit=2", null));
        assertThat(client.delete("/v2/queues/q/claims/" + claimId).status()).isEqualTo(204);
        assertThat(client.delete("/v2/queues/q/claims/" + claimId).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q/claims/" + claimId).status()).isEqualTo(404);
        assertThat(client.post("/v2/queues/q/claims?limit=5", null).json().get("messages")).hasSize(3);
    }

    @Test
    void patchRenewsTheClaimFromNow() {
        ZaqarHttp client = server.client("renew-project");
        post(client, "q", 1, 3600);
        String claimId = claimId(client.post("/v2/queues/q/claims", "{\"ttl\":60,\"grace\":60}"));
        server.clock().advanceSeconds(50);
        assertThat(client.send("PATCH", "/v2/queues/q/claims/" + claimId, "{\"ttl\":120,\"grace\":60}").status())
                .isEqualTo(204);
        server.clock().advanceSeconds(100);
        JsonNode claim = client.get("/v2/queues/q/claims/" + claimId).json();
        assertThat(claim.get("ttl").asInt()).isEqualTo(120);
        assertThat(claim.get("messages")).hasSize(1);
        server.clock().advanceSeconds(21);
        assertThat(client.get("/v2/queues/q/claims/" + claimId).status()).isEqualTo(404);
    }

    @Test
    void claimsNeverStealFromALiveClaim() {
        ZaqarHttp client = server.client("steal-project");
        post(client, "q", 2, 3600);
        String first = claimId(client.post("/v2/queues/q/claims?limit=1", null));
        Response second = client.post("/v2/queues/q/claims?limit=1", null);
        client.delete("/v2/queues/q/claims/" + first);
        Response third = client.post("/v2/queues/q/claims?limit=2", null);
        assertThat(third.json().get("messages")).hasSize(1);
        assertThat(third.json().at("/messages/0/body").asInt()).isZero();
        assertThat(client.get("/v2/queues/q/claims/" + claimId(second)).json().get("messages")).hasSize(1);
    }

    @Test
    void claimIdsAreScopedToTheirQueueAndProject() {
        ZaqarHttp client = server.client("scope-project");
        post(client, "q", 1, 3600);
        String claimId = claimId(client.post("/v2/queues/q/claims", null));
        assertThat(client.get("/v2/queues/other/claims/" + claimId).status()).isEqualTo(404);
        assertThat(server.client("intruder").get("/v2/queues/q/claims/" + claimId).status()).isEqualTo(404);
        server.client("intruder").delete("/v2/queues/q/claims/" + claimId);
        assertThat(client.get("/v2/queues/q/claims/" + claimId).status()).isEqualTo(200);
    }

    @Test
    void deadLetterQueueReceivesMessagesClaimedTooOften() {
        ZaqarHttp client = server.client("dlq-project");
        client.put("/v2/queues/q", "{\"_dead_letter_queue\":\"dead\",\"_max_claim_count\":2,"
                + "\"_dead_letter_queue_messages_ttl\":600}");
        post(client, "q", 1, 3600);
        for (int i = 0; i < 2; i++) {
            String claimId = claimId(client.post("/v2/queues/q/claims", null));
            client.delete("/v2/queues/q/claims/" + claimId);
        }
        assertThat(client.post("/v2/queues/q/claims", null).status()).isEqualTo(204);
        JsonNode dead = client.get("/v2/queues/dead/messages?echo=true").json().get("messages");
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).get("ttl").asInt()).isEqualTo(600);
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isZero();
    }
}
