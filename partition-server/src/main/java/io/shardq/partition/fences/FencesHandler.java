package io.shardq.partition.fences;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.QueueRef;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Admin-listener routes of queue fences, for migration agents and operators:
 * {@code GET /v2/fences?project=P&queue=Q} answers {@code {"fence": "active|frozen|moved; to=X"}};
 * {@code PUT} with {@code {"fence": "frozen"}} answers 204 once the fence is set, which for a fence that
 * blocks writes means once the writes in flight have finished. {@code project} may be absent or empty.
 */
public final class FencesHandler {

    private final FenceStore fences;

    public FencesHandler(FenceStore fences) {
        this.fences = requireNonNull(fences, "fences");
    }

    public List<Route> routes() {
        return List.of(
                new Route("fences.get", GET, "/v2/fences", this::get, "The fence could not be read."),
                new Route("fences.put", PUT, "/v2/fences", this::put, "The fence could not be set."));
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        return fences.get(queueOf(request)).thenApply(fence -> {
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("fence", fence.headerValue());
            return ApiResponse.ok(JsonBodies.write(body));
        });
    }

    private CompletionStage<ApiResponse> put(ApiRequest request) {
        QueueRef ref = queueOf(request);
        JsonNode value = JsonBodies.object(JsonBodies.deserialize(request)).get("fence");
        if (value == null || !value.isTextual()) {
            throw HttpError.invalidBody("fence: " + value + " (expected: \"active\", \"frozen\" or \"moved; to=<partition>\")");
        }
        Fence fence;
        try {
            fence = Fence.parse(value.textValue());
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody(e.getMessage());
        }
        return fences.set(ref, fence).thenApply(done -> ApiResponse.noContent());
    }

    /** The queue named by the {@code project} and {@code queue} query parameters; 400 when either is invalid. */
    static QueueRef queueOf(ApiRequest request) {
        String project = request.query().get("project");
        String queue = request.query().get("queue");
        if (queue == null || !RequestHooks.isValidQueueName(queue)) {
            throw HttpError.invalidParameter("queue: " + queue + " (expected: 1 to " + RequestHooks.QUEUE_NAME_MAX
                    + " of a-z, A-Z, 0-9, '_', '-' and '.')");
        }
        if (project != null && project.length() > RequestHooks.PROJECT_ID_MAX) {
            throw HttpError.invalidParameter("project: " + project.length() + " characters (expected: <= "
                    + RequestHooks.PROJECT_ID_MAX + ")");
        }
        return QueueRef.of(project, queue);
    }
}
