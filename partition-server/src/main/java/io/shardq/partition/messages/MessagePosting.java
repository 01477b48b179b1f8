package io.shardq.partition.messages;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.zaqar.ClientIds;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.queues.ReservedMetadata;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.Touched;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST …/messages}: Zaqar's order of checks (size, body shape, per-message types, then ranges),
 * the queue's reserved defaults on v2, lazy queue creation, 201 with the new hrefs.
 */
final class MessagePosting {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final QueueStore queues;
    private final MessageStore messages;
    private final LimitsConfig limits;

    MessagePosting(QueueStore queues, MessageStore messages, LimitsConfig limits) {
        this.queues = requireNonNull(queues, "queues");
        this.messages = requireNonNull(messages, "messages");
        this.limits = requireNonNull(limits, "limits");
    }

    CompletionStage<ApiResponse> post(ApiRequest request) {
        if (!request.version().isV2()) {
            return accept(request, null);
        }
        return queues.metadata(request.queue())
                .thenCompose(metadata -> accept(request, metadata.orElse(null)));
    }

    private CompletionStage<ApiResponse> accept(ApiRequest request, ObjectNode queueMetadata) {
        checkSize(request.contentLength(), ReservedMetadata.intValue(queueMetadata,
                ReservedMetadata.MAX_MESSAGES_POST_SIZE, 0));
        int defaultTtl = ReservedMetadata.intValue(queueMetadata, ReservedMetadata.DEFAULT_MESSAGE_TTL,
                limits.defaultMessageTtl());
        int queueDelay = ReservedMetadata.intValue(queueMetadata, ReservedMetadata.DEFAULT_MESSAGE_DELAY, 0);
        List<NewMessage> batch = parse(request, defaultTtl, queueDelay);
        return messages.post(request.queue(), batch, ClientIds.normalize(request.clientId()))
                .thenApply(ids -> created(request.path(), ids));
    }

    private void checkSize(Integer contentLength, int queueMax) {
        if (contentLength == null) {
            return;
        }
        if (queueMax > 0) {
            int effective = Math.min(queueMax, limits.maxMessagesPostSize());
            if (contentLength > effective) {
                throw HttpError.invalidApiRequest("Message collection size is too large. The max size for current "
                        + "queue is " + effective + ". It is calculated by max size = min(max_messages_post_size_"
                        + "config: " + limits.maxMessagesPostSize() + ", max_messages_post_size_queue: " + queueMax + ").");
            }
        }
        if (contentLength > limits.maxMessagesPostSize()) {
            throw HttpError.invalidApiRequest("Message collection size is too large. Max size "
                    + limits.maxMessagesPostSize());
        }
    }

    private List<NewMessage> parse(ApiRequest request, int defaultTtl, int queueDelay) {
        JsonNode document = JsonBodies.deserialize(request);
        if (!document.isObject() || !document.has("messages")) {
            throw HttpError.invalidApiRequest("No messages were found in the request body.");
        }
        ArrayNode items = JsonBodies.array(document.get("messages"));
        List<long[]> numbers = new ArrayList<>(items.size());
        List<String> bodies = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw JsonBodies.documentTypeNotSupported();
            }
            long ttl = JsonBodies.intField(item, "ttl", defaultTtl);
            JsonNode body = item.get("body");
            if (body == null) {
                throw HttpError.invalidBody("Missing \"body\" field.");
            }
            long delay = queueDelay > 0 ? JsonBodies.intField(item, "delay", queueDelay) : 0;
            numbers.add(new long[] {ttl, delay});
            bodies.add(JsonBodies.text(body));
        }
        if (items.isEmpty()) {
            throw HttpError.invalidApiRequest("No messages to enqueu.");
        }
        List<NewMessage> batch = new ArrayList<>(items.size());
        for (int i = 0; i < numbers.size(); i++) {
            batch.add(validated(bodies.get(i), numbers.get(i)[0], numbers.get(i)[1]));
        }
        return batch;
    }

    private NewMessage validated(String body, long ttl, long delay) {
        if (ttl < LimitsConfig.MIN_MESSAGE_TTL || ttl > limits.maxMessageTtl()) {
            throw HttpError.invalidApiRequest("The TTL for a message may not exceed " + limits.maxMessageTtl()
                    + " seconds, and must be at least " + LimitsConfig.MIN_MESSAGE_TTL + " seconds long.");
        }
        if (delay < 0 || delay > limits.maxMessageDelay()) {
            throw HttpError.invalidApiRequest("The Delay TTL for a message may not exceed " + limits.maxMessageDelay()
                    + " seconds,and must be at least 0 seconds long.");
        }
        return NewMessage.of(body, (int) ttl, (int) delay);
    }

    private static ApiResponse created(String path, List<String> ids) {
        ArrayNode resources = JSON.arrayNode();
        ids.forEach(id -> resources.add(path + "/" + id));
        ObjectNode body = JSON.objectNode();
        body.set("resources", resources);
        return ApiResponse.json(HttpResponseStatus.CREATED, JsonBodies.write(body))
                .withHeader("Location", path + "?ids=" + String.join(",", ids)).withTouched(Touched.of(ids));
    }
}
