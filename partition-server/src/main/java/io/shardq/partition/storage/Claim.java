package io.shardq.partition.storage;

import java.util.List;

/**
 * A claim and the messages it currently holds (unexpired messages whose claim is this one).
 *
 * @param ttl           seconds the claim lasts from its last update
 * @param grace         seconds claimed messages outlive the claim
 * @param createdMillis epoch millis of creation (age)
 * @param expiresMillis epoch millis when the claim ends
 */
public record Claim(String id, int ttl, int grace, long createdMillis, long expiresMillis, List<Message> messages) {

    public Claim {
        messages = List.copyOf(messages);
    }

    public long age(long nowMillis) {
        return Math.max(0, (nowMillis - createdMillis) / 1000);
    }

    public boolean isActive(long nowMillis) {
        return nowMillis < expiresMillis;
    }
}
