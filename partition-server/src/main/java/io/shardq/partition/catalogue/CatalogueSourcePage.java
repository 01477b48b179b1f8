package io.shardq.partition.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.storage.QueueRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of {@code GET /v2/catalogue-source/queues?after=project/queue&limit=N}: every queue of every
 * project in a partition's storage, ordered by project then name, answered as
 * {@code {"queues":[{"project","queue"}], "next":"project/queue"}} ({@code next} only when the page is full).
 * The partition's admin listener and its migration agent serve it alike; the proxy reads it to regenerate
 * the catalogue.
 *
 * @param queues the page
 * @param next   the {@code after} of the next page, or {@code null} on the last one
 */
public record CatalogueSourcePage(List<QueueRef> queues, QueueRef next) {

    public static final String PATH = "/v2/catalogue-source/queues";
    /** Queues per page when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    public CatalogueSourcePage {
        queues = List.copyOf(queues);
    }

    /** A page read from storage: {@code next} is its last queue when it holds {@code limit} of them. */
    public static CatalogueSourcePage of(List<QueueRef> queues, int limit) {
        return new CatalogueSourcePage(queues, queues.size() == limit ? queues.get(queues.size() - 1) : null);
    }

    /** The {@code limit} parameter, checked: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
    public static int limit(Integer given) {
        int limit = given == null ? DEFAULT_LIMIT : given;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpError.invalidParameter("limit: " + limit + " (expected: 1 to " + MAX_LIMIT + ")");
        }
        return limit;
    }

    /** The {@code after} parameter, {@code project/queue} (the project may be empty or contain '/'), or null. */
    public static QueueRef after(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            throw HttpError.invalidParameter("after: " + key + " (expected: project/queue)");
        }
        return QueueRef.of(key.substring(0, slash), key.substring(slash + 1));
    }

    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("queues");
        queues.forEach(ref -> list.addObject().put("project", ref.project()).put("queue", ref.queue()));
        if (next != null) {
            body.put("next", next.key());
        }
        return body;
    }

    /** Reads an answer of {@link #toJson()}'s shape. */
    public static CatalogueSourcePage fromJson(JsonNode body) {
        List<QueueRef> queues = new ArrayList<>();
        body.path("queues").forEach(item -> queues.add(QueueRef.of(item.path("project").asText(),
                item.path("queue").asText())));
        JsonNode next = body.get("next");
        return new CatalogueSourcePage(queues, next == null || next.isNull() ? null : after(next.asText()));
    }
}
