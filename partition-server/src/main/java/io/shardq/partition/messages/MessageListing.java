package io.shardq.partition.messages;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.ClientIds;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.common.zaqar.QueryStrings;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.queues.ReservedMetadata;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET …/messages} without {@code ids}: one page after the marker (a queue position), with the
 * next link carrying the request's parameters as Zaqar echoes them.
 */
final class MessageListing {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int DEFAULT_LIMIT = 10;

    private final QueueStore queues;
    private final MessageStore messages;
    private final LimitsConfig limits;
    private final Clock clock;

    MessageListing(QueueStore queues, MessageStore messages, LimitsConfig limits, Clock clock) {
        this.queues = requireNonNull(queues, "queues");
        this.messages = requireNonNull(messages, "messages");
        this.limits = requireNonNull(limits, "limits");
        this.clock = requireNonNull(clock, "clock");
    }

    CompletionStage<ApiResponse> list(ApiRequest request) {
        QueryParams query = request.query();
        Map<String, Object> echo = new LinkedHashMap<>();
        String marker = query.get("marker");
        put(echo, "marker", marker);
        Integer limit = query.integer("limit");
        put(echo, "limit", limit);
        Boolean echoFlag = query.bool("echo");
        put(echo, "echo", echoFlag);
        Boolean includeClaimed = query.bool("include_claimed");
        put(echo, "include_claimed", includeClaimed);
        Boolean includeDelayed = request.version().isV2() ? query.bool("include_delayed") : null;
        put(echo, "include_delayed", includeDelayed);
        if (limit != null && (limit <= 0 || limit > limits.maxMessagesPerPage())) {
            throw HttpError.invalidApiRequest("Limit must be at least 1 and may not be greater than "
                    + limits.maxMessagesPerPage() + ".");
        }
        long after = parseMarker(marker);
        return queues.metadata(request.queue()).thenCompose(metadata -> {
            boolean delayedToo = Boolean.TRUE.equals(includeDelayed);
            if (request.version().isV2() && ReservedMetadata.intValue(metadata.orElse(null),
                    ReservedMetadata.DEFAULT_MESSAGE_DELAY, 0) == 0) {
                echo.put("include_delayed", Boolean.TRUE);
                delayedToo = true;
            }
            MessageQuery messageQuery = new MessageQuery(after, limit == null ? DEFAULT_LIMIT : limit,
                    ClientIds.normalize(request.clientId()), Boolean.TRUE.equals(echoFlag),
                    Boolean.TRUE.equals(includeClaimed), delayedToo);
            return messages.list(request.queue(), messageQuery).thenApply(page -> render(request, page, echo));
        });
    }

    private static long parseMarker(String marker) {
        if (marker == null) {
            return MessageQuery.FROM_HEAD;
        }
        try {
            long position = Long.parseLong(marker.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw HttpError.invalidParameter("The \"marker\" parameter is invalid. The value must be a marker "
                + "returned in a previous listing's next link.");
    }

    private ApiResponse render(ApiRequest request, MessagePage page, Map<String, Object> echo) {
        long now = clock.millis();
        ArrayNode items = JSON.arrayNode();
        page.messages().forEach(message -> items.add(MessageViews.view(message, request.queuePath(), now)));
        ArrayNode links = JSON.arrayNode();
        if (!page.isEmpty()) {
            echo.put("marker", Long.toString(page.nextMarker()));
            links.addObject().put("rel", "next").put("href", request.path() + QueryStrings.of(echo));
        }
        ObjectNode body = JSON.objectNode();
        body.set("messages", items);
        body.set("links", links);
        return ApiResponse.ok(JsonBodies.write(body));
    }

    private static void put(Map<String, Object> params, String name, Object value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
