package io.shardq.partition.storage.memory;

import java.util.List;

/**
 * What the store keeps of a claim. The messages themselves carry the claim id and expiry; this record
 * remembers which ids it took, so get, renew and release need not scan the queue.
 *
 * @param ttl           seconds the claim lasts from {@code renewedMillis}
 * @param grace         seconds claimed messages outlive the claim
 * @param renewedMillis epoch millis of creation or of the last renewal (Zaqar measures claim age from here)
 * @param expiresMillis epoch millis when the claim ends
 * @param messageIds    ids it took, in position order; some may since have been deleted or expired
 */
record ClaimRecord(String id, int ttl, int grace, long renewedMillis, long expiresMillis, List<String> messageIds) {

    ClaimRecord {
        messageIds = List.copyOf(messageIds);
    }

    boolean isActive(long nowMillis) {
        return nowMillis < expiresMillis;
    }

    ClaimRecord renewed(int newTtl, int newGrace, long nowMillis) {
        return new ClaimRecord(id, newTtl, newGrace, nowMillis, nowMillis + newTtl * 1000L, messageIds);
    }
}
