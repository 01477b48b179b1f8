package io.shardq.partition.queues;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.common.zaqar.QueryStrings;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code GET /v2/queues}: one page of a project's queues in byte order, with Zaqar's links and count. */
final class QueueListing {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int DEFAULT_LIMIT = 10;

    private final QueueStore queues;
    private final LimitsConfig limits;
    private final ReservedMetadata reserved;

    QueueListing(QueueStore queues, LimitsConfig limits, ReservedMetadata reserved) {
        this.queues = queues;
        this.limits = limits;
        this.reserved = reserved;
    }

    CompletionStage<ApiResponse> list(ApiRequest request) {
        QueryParams query = request.query();
        Map<String, Object> echo = new LinkedHashMap<>();
        String marker = query.get("marker");
        putIfPresent(echo, "marker", marker);
        Integer limit = query.integer("limit");
        putIfPresent(echo, "limit", limit);
        Boolean detailed = query.bool("detailed");
        putIfPresent(echo, "detailed", detailed);
        putIfPresent(echo, "name", query.get("name"));
        Boolean withCount = query.bool("with_count");
        putIfPresent(echo, "with_count", withCount);
        if (limit != null && (limit <= 0 || limit > limits.maxQueuesPerPage())) {
            throw HttpError.invalidApiRequest("Limit must be at least 1 and no greater than "
                    + limits.maxQueuesPerPage() + ".");
        }
        boolean details = Boolean.TRUE.equals(detailed);
        CompletionStage<QueuePage> page = queues.list(request.project(), marker,
                limit == null ? DEFAULT_LIMIT : limit, details);
        CompletionStage<Long> count = Boolean.TRUE.equals(withCount) ? queues.count(request.project())
                : CompletableFuture.completedFuture(0L);
        return page.thenCombine(count, (result, total) -> render(request, result, total, details, echo));
    }

    private ApiResponse render(ApiRequest request, QueuePage page, long total, boolean detailed,
                               Map<String, Object> echo) {
        ArrayNode items = JSON.arrayNode();
        for (QueuePage.Entry entry : page.queues()) {
            ObjectNode item = items.addObject();
            item.put("name", entry.name());
            item.put("href", request.path() + "/" + entry.name());
            if (detailed) {
                ObjectNode metadata = entry.metadata() == null ? JSON.objectNode() : entry.metadata().deepCopy();
                item.set("metadata", request.version().isV2() ? reserved.withDefaults(metadata) : metadata);
            }
        }
        ArrayNode links = JSON.arrayNode();
        if (!page.queues().isEmpty()) {
            echo.put("marker", page.queues().get(page.queues().size() - 1).name());
            links.addObject().put("rel", "next").put("href", request.path() + QueryStrings.of(echo));
        }
        ObjectNode body = JSON.objectNode();
        body.set("queues", items);
        body.set("links", links);
        if (total > 0) {
            body.put("count", total);
        }
        return ApiResponse.ok(JsonBodies.write(body));
    }

    private static void putIfPresent(Map<String, Object> params, String name, Object value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
