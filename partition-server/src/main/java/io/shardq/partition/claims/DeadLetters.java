package io.shardq.partition.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.queues.ReservedMetadata;
import io.shardq.partition.storage.ClaimSpec;

/** Reads a queue's dead-letter settings: both {@code _dead_letter_queue} and {@code _max_claim_count} must be set. */
final class DeadLetters {

    private DeadLetters() {
    }

    static ClaimSpec.DeadLetter of(ObjectNode metadata) {
        if (metadata == null) {
            return null;
        }
        JsonNode queue = metadata.get(ReservedMetadata.DEAD_LETTER_QUEUE);
        int maxClaims = ReservedMetadata.intValue(metadata, ReservedMetadata.MAX_CLAIM_COUNT, 0);
        if (queue == null || !queue.isTextual() || queue.textValue().isEmpty() || maxClaims <= 0) {
            return null;
        }
        int ttl = ReservedMetadata.intValue(metadata, ReservedMetadata.DEAD_LETTER_QUEUE_MESSAGES_TTL, 0);
        return new ClaimSpec.DeadLetter(queue.textValue(), maxClaims, ttl);
    }
}
