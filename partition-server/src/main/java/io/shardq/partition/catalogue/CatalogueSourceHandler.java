package io.shardq.partition.catalogue;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v2/catalogue-source/queues?after=project/queue&limit=N} on the admin listener: every queue of
 * every project this partition's storage holds, ordered by project then name, for regenerating the
 * catalogue. Answers {@code {"queues":[{"project","queue"}], "next":"project/queue"}}; {@code next} is
 * present only when the page is full, and is the {@code after} of the next page.
 */
public final class CatalogueSourceHandler {

    /** Queues per page when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    private final QueueTransfer transfer;

    public CatalogueSourceHandler(QueueTransfer transfer) {
        this.transfer = requireNonNull(transfer, "transfer");
    }

    public List<Route> routes() {
        return List.of(new Route("catalogue_source.queues", GET, "/v2/catalogue-source/queues", this::queues,
                "Queues could not be listed."));
    }

    private CompletionStage<ApiResponse> queues(ApiRequest request) {
        Integer given = request.query().integer("limit");
        int limit = given == null ? DEFAULT_LIMIT : given;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HttpError.invalidParameter("limit: " + limit + " (expected: 1 to " + MAX_LIMIT + ")");
        }
        return transfer.queues(after(request.query().get("after")), limit).thenApply(page -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ArrayNode queues = body.putArray("queues");
            page.forEach(ref -> queues.addObject().put("project", ref.project()).put("queue", ref.queue()));
            if (page.size() == limit) {
                body.put("next", page.get(page.size() - 1).key());
            }
            return ApiResponse.ok(JsonBodies.write(body));
        });
    }

    /** {@code project/queue} (the project may be empty or contain '/'; the queue name cannot). */
    private static QueueRef after(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            throw HttpError.invalidParameter("after: " + key + " (expected: project/queue)");
        }
        return QueueRef.of(key.substring(0, slash), key.substring(slash + 1));
    }
}
