package io.shardq.partition.messages;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.shardq.partition.http.Route.Access.READ;
import static io.shardq.partition.http.Route.Access.WRITE;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageNotFoundException;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.Touched;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/** Routes of the message resources: post, list, get by ids, bulk delete, pop, get and delete one. */
public final class MessagesHandler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MessageStore messages;
    private final LimitsConfig limits;
    private final Clock clock;
    private final MessagePosting posting;
    private final MessageListing listing;
    private final BulkDeletion bulk;

    public MessagesHandler(QueueStore queues, MessageStore messages, LimitsConfig limits, Clock clock) {
        this.messages = requireNonNull(messages, "messages");
        this.limits = requireNonNull(limits, "limits");
        this.clock = requireNonNull(clock, "clock");
        this.posting = new MessagePosting(queues, messages, limits);
        this.listing = new MessageListing(queues, messages, limits, clock);
        this.bulk = new BulkDeletion(messages, limits, clock);
    }

    public List<Route> routes(ApiVersion version) {
        String collection = version.prefix() + "/queues/{queue_name}/messages";
        String item = collection + "/{message_id}";
        return List.of(
                new Route("messages.post", POST, collection, posting::post, "Messages could not be enqueued.", WRITE),
                new Route("messages.list", GET, collection, this::listOrGet, "Messages could not be listed.", READ),
                new Route("messages.delete_many", DELETE, collection, bulk::delete, "Messages could not be deleted.", WRITE),
                new Route("messages.get", GET, item, this::get, "Message could not be retrieved.", READ),
                new Route("messages.delete", DELETE, item, this::delete, "Message could not be deleted.", WRITE));
    }

    private CompletionStage<ApiResponse> listOrGet(ApiRequest request) {
        List<String> ids = request.query().list("ids");
        return ids == null ? listing.list(request) : getMany(request, ids);
    }

    private CompletionStage<ApiResponse> getMany(ApiRequest request, List<String> ids) {
        if (ids.isEmpty() || ids.size() > limits.maxMessagesPerPage()) {
            throw HttpError.invalidApiRequest("Limit must be at least 1 and may not be greater than "
                    + limits.maxMessagesPerPage() + ".");
        }
        return messages.get(request.queue(), ids).thenApply(found -> {
            if (found.isEmpty()) {
                throw HttpError.notFound("No messages with IDs: " + pythonList(ids) + " found in the queue "
                        + request.queue().queue() + " for project " + request.project() + ".");
            }
            long now = clock.millis();
            ArrayNode items = JSON.arrayNode();
            found.forEach(message -> items.add(MessageViews.view(message, request.queuePath(), now)));
            ObjectNode body = JSON.objectNode();
            body.set("messages", items);
            return ApiResponse.ok(JsonBodies.write(body));
        });
    }

    private static String pythonList(List<String> ids) {
        return ids.stream().map(id -> "'" + id.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        String id = request.param("message_id");
        return messages.get(request.queue(), id).thenApply(found -> {
            Message message = found.orElseThrow(() -> new MessageNotFoundException(request.queue(), id));
            return ApiResponse.ok(JsonBodies.write(MessageViews.view(message, request.queuePath(), clock.millis())));
        });
    }

    private CompletionStage<ApiResponse> delete(ApiRequest request) {
        String id = request.param("message_id");
        return messages.delete(request.queue(), id, request.query().get("claim_id"))
                .thenApply(done -> ApiResponse.noContent().withTouched(Touched.of(List.of(id))));
    }
}
