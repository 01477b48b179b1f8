package io.shardq.partition.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminApiIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    @Test
    void healthReportsReachableStorageAndEveryOperation() {
        JsonNode health = server.admin().get("/v2/health").json();
        assertThat(health.get("storage_reachable").asBoolean()).isTrue();
        JsonNode operations = health.get("operation_status");
        for (String op : new String[] {"create_queue", "post_messages", "claim_messages", "list_messages",
                "delete_messages", "delete_claim", "bulk_delete_messages", "delete_queue"}) {
            assertThat(operations.get(op).get("succeeded").asBoolean()).as(op).isTrue();
        }
    }

    @Test
    void healthIsNotServedOnThePublicListener() {
        assertThat(server.client("p").get("/v2/health").status()).isEqualTo(404);
        assertThat(server.admin().project("p").get("/v2/queues").status()).isEqualTo(404);
    }

    @Test
    void pingAnswers204OnGetAndHead() {
        ZaqarHttp client = server.client("p");
        assertThat(client.get("/v2/ping").status()).isEqualTo(204);
        assertThat(client.send("HEAD", "/v2/ping", null).status()).isEqualTo(204);
        assertThat(client.get("/v1.1/ping").status()).isEqualTo(204);
    }

    @Test
    void homeDocumentsAreJsonHome() {
        ZaqarHttp.Response home = server.client("p").get("/v2/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).isEqualTo("application/json-home");
        assertThat(home.header("Cache-Control")).isEqualTo("max-age=86400");
        assertThat(home.json().at("/resources/rel~1queues/href-template").asText()).startsWith("/v2/queues");
        assertThat(server.client("p").get("/v1.1/").json().at("/resources/rel~1queues").isObject()).isTrue();
    }

    @Test
    void metricsCountRequestsPerRouteInPrometheusText() {
        ZaqarHttp client = server.client("metrics-project");
        client.put("/v2/queues/m", null);
        client.get("/v2/queues/m/messages?limit=0");
        String text = server.admin().get("/metrics").body();
        assertThat(text).contains("# TYPE").contains("queues_put_requests").contains("messages_list_errors");
        assertThat(server.metrics().getTimers().keySet()).anyMatch(name -> name.contains("queues.put"));
        assertThat(server.metrics().getMeters().entrySet()).anyMatch(e -> e.getKey().contains("messages.list.errors")
                && e.getValue().getCount() >= 1);
    }
}
