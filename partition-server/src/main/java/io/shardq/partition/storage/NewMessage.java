package io.shardq.partition.storage;

import static java.util.Objects.requireNonNull;

/**
 * A message as posted, already validated.
 *
 * @param body         JSON text
 * @param ttlSeconds   60..max_message_ttl
 * @param delaySeconds 0..max_message_delay
 */
public record NewMessage(String body, int ttlSeconds, int delaySeconds) {

    public NewMessage {
        requireNonNull(body, "body");
    }

    public static NewMessage of(String body, int ttlSeconds, int delaySeconds) {
        return new NewMessage(body, ttlSeconds, delaySeconds);
    }
}
