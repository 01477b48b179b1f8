package io.shardq.partition.queues;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.shardq.partition.http.Route.Access.READ;
import static io.shardq.partition.http.Route.Access.WRITE;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.messages.MessageViews;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStats;
import io.shardq.partition.storage.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code GET …/stats} and (v2) {@code POST …/purge}. */
public final class QueueStatsHandler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> PURGEABLE = Set.of("messages", "subscriptions");

    private final QueueStore queues;
    private final MessageStore messages;
    private final Clock clock;

    public QueueStatsHandler(QueueStore queues, MessageStore messages, Clock clock) {
        this.queues = requireNonNull(queues, "queues");
        this.messages = requireNonNull(messages, "messages");
        this.clock = requireNonNull(clock, "clock");
    }

    public List<Route> routes(ApiVersion version) {
        String item = version.prefix() + "/queues/{queue_name}";
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("queues.stats", GET, item + "/stats", this::stats, "Queue stats could not be read.", READ));
        if (version.isV2()) {
            routes.add(new Route("queues.purge", POST, item + "/purge", this::purge, "Queue could not be purged.", WRITE));
        }
        return routes;
    }

    private CompletionStage<ApiResponse> stats(ApiRequest request) {
        return queues.stats(request.queue()).thenApply(stats -> {
            long now = clock.millis();
            ObjectNode counts = JSON.objectNode();
            counts.put("claimed", stats.claimed());
            counts.put("free", stats.free());
            counts.put("total", stats.total());
            addSummary(counts, stats, request, now);
            ObjectNode body = JSON.objectNode();
            body.set("messages", counts);
            return ApiResponse.ok(JsonBodies.write(body));
        });
    }

    private static void addSummary(ObjectNode counts, QueueStats stats, ApiRequest request, long now) {
        if (stats.total() > 0 && stats.oldest() != null && stats.newest() != null) {
            counts.set("oldest", MessageViews.summary(stats.oldest(), request.queuePath(), now));
            counts.set("newest", MessageViews.summary(stats.newest(), request.queuePath(), now));
        }
    }

    private CompletionStage<ApiResponse> purge(ApiRequest request) {
        Integer length = request.contentLength();
        boolean purgeMessages = true;
        if (length != null && length > 0) {
            ObjectNode document = JsonBodies.object(JsonBodies.deserialize(request));
            JsonNode types = document.get("resource_types");
            if (types == null) {
                throw HttpError.invalidApiRequest("Post body must contain key \"resource_types\".");
            }
            if (!types.isArray() || !allPurgeable(types)) {
                throw HttpError.invalidApiRequest("Resource types must be a sub set of {'messages', 'subscriptions'}.");
            }
            purgeMessages = containsText(types, "messages");
        }
        CompletionStage<Void> work = purgeMessages ? messages.purge(request.queue())
                : CompletableFuture.completedFuture(null);
        return work.thenApply(done -> ApiResponse.noContent());
    }

    private static boolean allPurgeable(JsonNode types) {
        for (JsonNode type : types) {
            if (!type.isTextual() || !PURGEABLE.contains(type.textValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.textValue())) {
                return true;
            }
        }
        return false;
    }
}
