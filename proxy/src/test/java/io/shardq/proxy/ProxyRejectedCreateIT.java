package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.QueueKey;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request that would create a queue but is refused by the partition (bad metadata, a bad message body)
 * creates nothing: no catalogue entry is left behind, so the queue is not listed, while a refused
 * request on a queue that already exists keeps its entry.
 */
class ProxyRejectedCreateIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1).build();

    private static final String PROJECT = "refused";

    @Test
    void refusedQueueCreationLeavesNoEntry() {
        ZaqarHttp client = fleet.client(PROJECT);

        ZaqarHttp.Response answer = client.put("/v2/queues/never-made", "[1, 2, 3]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.title()).isNotBlank();
        assertThat(catalogued("never-made")).isFalse();
        assertThat(listed(client)).doesNotContain("never-made");
    }

    @Test
    void refusedFirstPostLeavesNoEntry() {
        ZaqarHttp client = fleet.client(PROJECT);

        ZaqarHttp.Response answer = client.post("/v2/queues/never-posted/messages", "{\"messages\": \"not a list\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(catalogued("never-posted")).isFalse();
        assertThat(listed(client)).doesNotContain("never-posted");
    }

    @Test
    void refusedRequestOnAnExistingQueueKeepsItsEntry() {
        ZaqarHttp client = fleet.client(PROJECT);
        assertThat(client.put("/v2/queues/kept", "{\"colour\": \"green\"}").status()).isEqualTo(201);

        assertThat(client.put("/v2/queues/kept", "[1, 2, 3]").status()).isEqualTo(400);
        assertThat(client.post("/v2/queues/kept/messages", "{\"messages\": \"not a list\"}").status()).isEqualTo(400);

        assertThat(catalogued("kept")).isTrue();
        assertThat(listed(client)).contains("kept");
        assertThat(client.get("/v2/queues/kept").json().path("colour").asText()).isEqualTo("green");
    }

    @Test
    void acceptedFirstPostStillCreatesTheQueue() {
        ZaqarHttp client = fleet.client(PROJECT);

        ZaqarHttp.Response answer = client.post("/v2/queues/made-by-post/messages", ZaqarHttp.messages("first"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(catalogued("made-by-post")).isTrue();
        assertThat(listed(client)).contains("made-by-post");
    }

    private static boolean catalogued(String queue) {
        return fleet.sideStore().catalogue().lookupFresh(QueueKey.of(PROJECT, queue)).isPresent();
    }

    private static List<String> listed(ZaqarHttp client) {
        List<String> names = new ArrayList<>();
        for (JsonNode queue : client.get("/v2/queues?limit=20").json().path("queues")) {
            names.add(queue.path("name").asText());
        }
        return names;
    }
}
