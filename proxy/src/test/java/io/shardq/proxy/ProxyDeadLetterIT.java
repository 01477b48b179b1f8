package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.QueueKey;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A queue's dead-letter queue is placed on the queue's partition when the queue's metadata names it (PUT or
 * PATCH through the proxy), since a partition dead-letters into its own storage. Weights steer placement:
 * whatever the placement would pick at the time, the dead-letter queue follows the queue.
 */
class ProxyDeadLetterIT {

    private static final String PROJECT = "dlq";

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 0).build();

    @Test
    void deadLetteredMessagesAreReadableThroughTheProxyWhereverNewQueuesGo() {
        weights(1, 0);
        ZaqarHttp client = fleet.client(PROJECT);
        assertThat(client.put("/v2/queues/work", "{\"_dead_letter_queue\":\"dead\",\"_max_claim_count\":1}").status())
                .isEqualTo(201);
        assertThat(partitionOf("work")).contains("p1");
        assertThat(partitionOf("dead")).contains("p1");

        weights(0, 1); // new queues would now go to p2
        assertThat(client.post("/v2/queues/work/messages", ZaqarHttp.messages("doomed")).status()).isEqualTo(201);
        releaseAClaim(client);
        assertThat(client.post("/v2/queues/work/claims", "{\"ttl\":60,\"grace\":60}").status()).isEqualTo(204);
        assertThat(client.post("/v2/queues/dead/messages", ZaqarHttp.messages("later")).status()).isEqualTo(201);

        assertThat(bodies(client, "dead")).containsExactly("doomed", "later");
        assertThat(bodies(client, "work")).isEmpty();
    }

    @Test
    void aPatchNamingADeadLetterQueuePlacesItWithTheQueue() {
        weights(0, 1);
        ZaqarHttp client = fleet.client(PROJECT);
        assertThat(client.put("/v2/queues/patched", null).status()).isEqualTo(201);
        assertThat(partitionOf("patched")).contains("p2");

        ZaqarHttp.Response patch = client.patch("/v2/queues/patched", "[{\"op\":\"add\",\"path\":\"/metadata/_max_claim_count\","
                + "\"value\":2},{\"op\":\"add\",\"path\":\"/metadata/_dead_letter_queue\",\"value\":\"patched-dead\"}]");

        assertThat(patch.status()).isEqualTo(200);
        assertThat(partitionOf("patched-dead")).contains("p2");
    }

    @Test
    void aDeadLetterQueueCataloguedElsewhereStaysWhereItIs() {
        weights(1, 0);
        ZaqarHttp client = fleet.client(PROJECT);
        assertThat(client.put("/v2/queues/shared-dead", null).status()).isEqualTo(201);
        weights(0, 1);

        assertThat(client.put("/v2/queues/late", "{\"_dead_letter_queue\":\"shared-dead\"}").status()).isEqualTo(201);

        assertThat(partitionOf("late")).contains("p2");
        assertThat(partitionOf("shared-dead")).contains("p1");
    }

    @Test
    void refusedMetadataPlacesNoDeadLetterQueue() {
        ZaqarHttp client = fleet.client(PROJECT);
        String tooLarge = "{\"_dead_letter_queue\":\"bad-dead\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        ZaqarHttp.Response refused = client.put("/v2/queues/bad", tooLarge);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(partitionOf("bad-dead")).isEmpty();
        assertThat(partitionOf("bad")).isEmpty();
    }

    private static void weights(int p1, int p2) {
        assertThat(fleet.admin().patch("/v2/partitions/p1", "{\"weight\":" + p1 + "}").status()).isEqualTo(200);
        assertThat(fleet.admin().patch("/v2/partitions/p2", "{\"weight\":" + p2 + "}").status()).isEqualTo(200);
    }

    private static Optional<String> partitionOf(String queue) {
        return fleet.sideStore().catalogue().lookupFresh(QueueKey.of(PROJECT, queue)).map(CatalogueEntry::partition);
    }

    private static void releaseAClaim(ZaqarHttp client) {
        ZaqarHttp.Response claimed = client.post("/v2/queues/work/claims", "{\"ttl\":60,\"grace\":60}");
        assertThat(claimed.status()).isEqualTo(201);
        String location = claimed.header("Location");
        assertThat(client.delete("/v2/queues/work/claims/" + location.substring(location.lastIndexOf('/') + 1))
                .status()).isEqualTo(204);
    }

    private static List<String> bodies(ZaqarHttp client, String queue) {
        List<String> bodies = new ArrayList<>();
        JsonNode page = client.get("/v2/queues/" + queue + "/messages?echo=true&include_claimed=true").json();
        page.path("messages").forEach(message -> bodies.add(message.path("body").asText()));
        return bodies;
    }
}
