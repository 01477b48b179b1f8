package io.shardq.proxy.forward;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.common.json.Json;
import java.util.Optional;

/**
 * The dead-letter queue a successful queue-metadata write names: {@code _dead_letter_queue} in the body of
 * {@code PUT /v2/queues/q}, or the last {@code add}/{@code replace} of {@code /metadata/_dead_letter_queue}
 * in a JSON-patch {@code PATCH /v2/queues/q}. A partition moves the messages it dead-letters into a queue
 * of that name in its own storage, so the proxy places that queue on the same partition.
 */
final class DeadLetterQueueName {

    static final String FIELD = "_dead_letter_queue";
    private static final String PATCH_PATH = "/metadata/" + FIELD;

    private DeadLetterQueueName() {
    }

    /** {@code path} without its query; {@code queue} the queue the request is about. */
    static Optional<String> of(String method, String path, String queue, String body) {
        if (!path.endsWith("/queues/" + queue) || body == null || body.isBlank()) {
            return Optional.empty();
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty(); // the partition accepted it, so it was not metadata naming one
        }
        if (method.equals("PUT")) {
            return text(json.get(FIELD));
        }
        if (!method.equals("PATCH") || !json.isArray()) {
            return Optional.empty();
        }
        Optional<String> named = Optional.empty();
        for (JsonNode operation : json) {
            String op = operation.path("op").asText();
            if ((op.equals("add") || op.equals("replace")) && operation.path("path").asText().equals(PATCH_PATH)) {
                named = text(operation.get("value"));
            }
        }
        return named;
    }

    private static Optional<String> text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isEmpty() ? Optional.of(node.asText()) : Optional.empty();
    }
}
