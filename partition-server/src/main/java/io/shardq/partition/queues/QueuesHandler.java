package io.shardq.partition.queues;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static io.shardq.partition.http.Route.Access.NONE;
import static io.shardq.partition.http.Route.Access.READ;
import static io.shardq.partition.http.Route.Access.WRITE;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.Touched;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Routes of the queue resources: list, create, read, patch, delete (stats and purge are in {@link QueueStatsHandler}). */
public final class QueuesHandler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final QueueStore queues;
    private final LimitsConfig limits;
    private final ReservedMetadata reserved;
    private final QueueListing listing;

    public QueuesHandler(QueueStore queues, LimitsConfig limits, ReservedMetadata reserved) {
        this.queues = requireNonNull(queues, "queues");
        this.limits = requireNonNull(limits, "limits");
        this.reserved = requireNonNull(reserved, "reserved");
        this.listing = new QueueListing(queues, limits, reserved);
    }

    public List<Route> routes(ApiVersion version) {
        String collection = version.prefix() + "/queues";
        String item = collection + "/{queue_name}";
        List<Route> routes = new ArrayList<>(List.of(
                new Route("queues.list", GET, collection, listing::list, "Queues could not be listed.", NONE),
                new Route("queues.put", PUT, item, this::put, "Queue could not be created.", WRITE),
                new Route("queues.get", GET, item, this::get, "Queue metadata could not be retrieved.", READ),
                new Route("queues.delete", DELETE, item, this::delete, "Queue could not be deleted.", WRITE)));
        if (version.isV2()) {
            routes.add(new Route("queues.patch", PATCH, item, this::patch, "Queue could not be updated.", WRITE));
        }
        return routes;
    }

    private CompletionStage<ApiResponse> put(ApiRequest request) {
        Integer length = request.contentLength();
        if (length != null && length > limits.maxQueueMetadata()) {
            throw HttpError.invalidApiRequest("Queue metadata is too large. Max size: " + limits.maxQueueMetadata());
        }
        ObjectNode metadata = JSON.objectNode();
        if (length != null && length > 0) {
            metadata = JsonBodies.object(JsonBodies.deserialize(request));
        }
        reserved.validate(metadata, HttpError::invalidApiRequest);
        return queues.create(request.queue(), metadata).thenApply(created ->
                ApiResponse.status(created ? HttpResponseStatus.CREATED : HttpResponseStatus.NO_CONTENT)
                        .withHeader("Location", request.path()).withTouched(Touched.NONE));
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        return queues.metadata(request.queue()).thenApply(found -> {
            ObjectNode metadata = found.orElseGet(JSON::objectNode);
            if (request.version().isV2()) {
                reserved.withDefaults(metadata);
            }
            return ApiResponse.ok(JsonBodies.write(metadata));
        });
    }

    private CompletionStage<ApiResponse> delete(ApiRequest request) {
        return queues.delete(request.queue()).thenApply(existed -> ApiResponse.noContent());
    }

    private CompletionStage<ApiResponse> patch(ApiRequest request) {
        Integer length = request.contentLength();
        if (length != null && length > limits.maxQueueMetadata()) {
            throw HttpError.invalidBody("Queue metadata is too large. Max size: " + limits.maxQueueMetadata());
        }
        String type = request.header("Content-Type");
        if (!MetadataPatch.CONTENT_TYPE.equals(type)) {
            throw HttpError.of(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "Accepted media type for PATCH: "
                    + "{'Accept-Patch': '" + MetadataPatch.CONTENT_TYPE + "'}.", null);
        }
        if (length == null || length == 0) {
            throw HttpError.invalidBody("PATCH body could not be empty for update.");
        }
        JsonNode document = JsonBodies.parse(request.body());
        MetadataPatch patch = MetadataPatch.parse(JsonBodies.array(document));
        return queues.metadata(request.queue()).thenCompose(found -> {
            ObjectNode metadata = found.orElseThrow(() -> HttpError.notFound("Queue " + request.queue().queue()
                    + " does not exist for project " + request.project()));
            patch.apply(metadata, reserved);
            reserved.validate(metadata, HttpError::invalidBody);
            return queues.replaceMetadata(request.queue(), metadata)
                    .thenApply(done -> ApiResponse.ok(JsonBodies.write(reserved.withDefaults(metadata)))
                            .withTouched(Touched.NONE));
        });
    }
}
