package io.shardq.partition.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /v2/catalogue-source/queues}: every queue of every project, ordered, paged with {@code next}. */
class CatalogueSourceApiIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    @Test
    void listsEveryQueueOfEveryProjectInOrderPageByPage() {
        List<String> created = List.of("alpha/a", "alpha/b", "alpha/c", "beta/a", "beta-x/z", "gamma/m");
        for (String key : created) {
            String[] parts = key.split("/");
            assertThat(server.client(parts[0]).put("/v2/queues/" + parts[1], null).status()).isEqualTo(201);
        }
        server.client("beta").delete("/v2/queues/a");
        List<String> expected = List.of("alpha/a", "alpha/b", "alpha/c", "beta-x/z", "gamma/m");

        assertThat(page(null, 100)).isEqualTo(expected);
        List<String> paged = new ArrayList<>();
        String after = null;
        for (int i = 0; i < 10; i++) {
            JsonNode body = get(after, 2);
            body.get("queues").forEach(q -> paged.add(q.get("project").asText() + "/" + q.get("queue").asText()));
            if (!body.has("next")) {
                break;
            }
            after = body.get("next").asText();
        }
        assertThat(paged).isEqualTo(expected);
        assertThat(page("alpha/b", 2)).containsExactly("alpha/c", "beta-x/z");
    }

    @Test
    void aBadLimitOrAfterIsRefused() {
        ZaqarHttp admin = server.admin();
        assertThat(admin.get("/v2/catalogue-source/queues?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/v2/catalogue-source/queues?limit=1001").status()).isEqualTo(400);
        assertThat(admin.get("/v2/catalogue-source/queues?after=noslash").status()).isEqualTo(400);
        assertThat(server.client("p").get("/v2/catalogue-source/queues").status()).isEqualTo(404);
    }

    private List<String> page(String after, int limit) {
        List<String> keys = new ArrayList<>();
        get(after, limit).get("queues").forEach(q -> keys.add(q.get("project").asText() + "/" + q.get("queue").asText()));
        return keys;
    }

    private JsonNode get(String after, int limit) {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        ZaqarHttp.Response response = server.admin().get("/v2/catalogue-source/queues" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
