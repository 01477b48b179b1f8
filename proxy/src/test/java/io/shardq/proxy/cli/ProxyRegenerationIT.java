package io.shardq.proxy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.QueueKey;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v2/regenerate} and {@code qctl catalogue regenerate}: the catalogue rebuilt from what the
 * partitions hold, each asked through its agent, after its entries were lost.
 */
class ProxyRegenerationIT {

    private static final String PROJECT = "regen";
    private static final int QUEUES = 12;

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1).agents().build();

    @BeforeAll
    static void aThirdPartitionHasNoAgent() {
        fleet.register(new Partition("p3", 0, List.of(URI.create("http://127.0.0.1:9")), null, Map.of(),
                PartitionState.ACTIVE));
    }

    @Test
    void lostEntriesComeBackOnThePartitionsHoldingTheQueues() throws Exception {
        ZaqarHttp client = fleet.client(PROJECT);
        Map<String, String> homes = new LinkedHashMap<>();
        for (int i = 0; i < QUEUES; i++) {
            String queue = String.format("q-%02d", i);
            assertThat(client.put("/v2/queues/" + queue, "{\"n\":" + i + "}").status()).isEqualTo(201);
            assertThat(client.post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages("m" + i)).status())
                    .isEqualTo(201);
            homes.put(queue, catalogue().lookupFresh(QueueKey.of(PROJECT, queue)).orElseThrow().partition());
        }
        assertThat(homes.values()).contains("p1", "p2");
        homes.keySet().forEach(queue -> catalogue().delete(QueueKey.of(PROJECT, queue)));
        assertThat(client.get("/v2/queues").json().path("queues")).isEmpty();

        QctlRunner.Run run = QctlRunner.run(Map.of("QCTL_URL", fleet.proxy().adminUrl(),
                "ADMIN_TOKEN", FleetExtension.ADMIN_TOKEN), "catalogue", "regenerate");

        assertThat(run.exit()).as(run.err()).isEqualTo(5); // p3 could not be asked
        assertThat(run.out()).contains("partitions scanned:  2", "entries created:     " + QUEUES)
                .contains("p3         partition p3 has no agent registered");
        for (Map.Entry<String, String> home : homes.entrySet()) {
            CatalogueEntry entry = catalogue().lookupFresh(QueueKey.of(PROJECT, home.getKey())).orElseThrow();
            assertThat(entry.partition()).as(home.getKey()).isEqualTo(home.getValue());
        }
        assertThat(listedQueues(client)).containsExactlyElementsOf(homes.keySet());
        JsonNode messages = client.get("/v2/queues/q-07/messages?echo=true").json();
        assertThat(messages.path("messages").get(0).path("body").asText()).isEqualTo("m7");
        assertThat(client.get("/v2/queues/q-07").json().path("n").asInt()).isEqualTo(7);

        JsonNode again = fleet.admin().post("/v2/regenerate", "").json();
        assertThat(again.path("created").asLong()).isZero();
        assertThat(again.path("unchanged").asLong()).isEqualTo(QUEUES);
        assertThat(again.path("failed_partitions").path("p3").asText()).contains("no agent registered");
    }

    @Test
    void aQueueHeldByTwoPartitionsIsReportedAndLeftAlone() {
        QueueRef both = QueueRef.of("regen-dup", "twice");
        for (String partition : List.of("p1", "p2")) {
            fleet.storage(partition).messages().post(both, List.of(NewMessage.of("{\"on\":\"" + partition + "\"}", 600, 0)),
                    "c").toCompletableFuture().join();
        }

        ZaqarHttp.Response answer = fleet.admin().post("/v2/regenerate", "");

        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> conflicts = new ArrayList<>();
        answer.json().path("conflicts").forEach(conflicts::add);
        assertThat(conflicts).anySatisfy(conflict -> {
            assertThat(conflict.path("project").asText()).isEqualTo("regen-dup");
            assertThat(conflict.path("queue").asText()).isEqualTo("twice");
            assertThat(conflict.path("claimed_by")).extracting(JsonNode::asText).containsExactly("p1", "p2");
            assertThat(conflict.path("catalogued").isNull()).isTrue();
        });
        assertThat(catalogue().lookupFresh(QueueKey.of("regen-dup", "twice"))).isEmpty();
    }

    @Test
    void onlyPostIsAllowedAndOnlyWithTheToken() {
        assertThat(fleet.admin().get("/v2/regenerate").status()).isEqualTo(405);
        assertThat(fleet.admin().post("/v2/regenerate/now", "").status()).isEqualTo(404);
        ZaqarHttp.Response anonymous = ZaqarHttp.to(fleet.proxy().adminUrl()).post("/v2/regenerate", "");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.title()).isEqualTo("Unauthorized");
    }

    private static Catalogue catalogue() {
        return fleet.sideStore().catalogue();
    }

    private static List<String> listedQueues(ZaqarHttp client) {
        List<String> names = new ArrayList<>();
        JsonNode page = client.get("/v2/queues?limit=5").json();
        while (!page.path("queues").isEmpty()) {
            page.path("queues").forEach(queue -> names.add(queue.path("name").asText()));
            page = client.get("/v2/queues?limit=5&marker=" + names.get(names.size() - 1)).json();
        }
        return names;
    }
}
