package io.shardq.migration.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.migration.transfer.JsonFields;
import io.shardq.partition.storage.QueueRef;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A decoded agent request: method, path, first value of each query parameter, the body as text, and the
 * last path segment matched by a {@code {id}} route. Accessors throw Zaqar-shaped 400s for bad input.
 */
public record AgentRequest(HttpMethod method, String path, Map<String, String> query, String body, String pathId) {

    public AgentRequest {
        query = Map.copyOf(query);
    }

    AgentRequest withPathId(String id) {
        return new AgentRequest(method, path, query, body, id);
    }

    /** The queue named by {@code project} (optional, empty = none) and {@code queue}. */
    public QueueRef queue() {
        return queueOf(query.get("project"), query.get("queue"));
    }

    /** A queue reference from a project (may be null) and a queue name; 400 when either is invalid. */
    public static QueueRef queueOf(String project, String queue) {
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

    /** The integer parameter {@code name} within {@code [min, max]}, or {@code fallback} when absent. */
    public long longParam(String name, long fallback, long min, long max) {
        String text = query.get(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.invalidParameter(name + ": " + text + " (expected: an integer from " + min + " to " + max + ")");
    }

    /** The integer parameter {@code name} within {@code [min, max]}; 400 when absent. */
    public long requireLongParam(String name, long min, long max) {
        String text = query.get(name);
        if (text == null || text.isEmpty()) {
            throw HttpError.invalidParameter(name + ": missing (expected: an integer from " + min + " to " + max + ")");
        }
        return longParam(name, min, min, max);
    }

    /** {@code true} or {@code false} from parameter {@code name}, or {@code fallback} when absent. */
    public boolean booleanParam(String name, boolean fallback) {
        String text = query.get(name);
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw HttpError.invalidParameter(name + ": " + text + " (expected: true or false)");
    }

    /**
     * Refuses query parameters other than {@code allowed}, for routes where a misspelt one would silently
     * change what happens (a {@code keep_fences=true} must not drop the fence).
     */
    public AgentRequest onlyParams(String... allowed) {
        List<String> known = List.of(allowed);
        for (String name : new TreeSet<>(query.keySet())) {
            if (!known.contains(name)) {
                throw HttpError.invalidParameter("parameter " + name + ": unknown (expected: only "
                        + String.join(", ", known) + ")");
            }
        }
        return this;
    }

    /** The body as one JSON object; 400 when missing or malformed. */
    public ObjectNode json() {
        try {
            return JsonFields.object(body);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody(e.getMessage());
        }
    }
}
