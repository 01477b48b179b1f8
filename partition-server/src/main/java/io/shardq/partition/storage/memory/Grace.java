package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.Message;

/**
 * The grace rule of claims: a claimed message whose expiry is earlier than claim expiry + grace gets
 * {@code ttl = claim ttl + grace} and {@code expires = claim expires + grace}. Expiry is never shortened.
 */
final class Grace {

    private Grace() {
    }

    /**
     * {@code message} as claimed by {@code claimId} until {@code claimExpiresMillis}.
     *
     * @param claimTtl seconds
     * @param grace    seconds
     */
    static Message claim(Message message, String claimId, long claimExpiresMillis, int claimTtl, int grace,
                         int claimCount) {
        long graceEnd = claimExpiresMillis + grace * 1000L;
        if (message.expiresMillis() < graceEnd) {
            return message.withClaim(claimId, claimExpiresMillis, graceEnd, claimTtl + grace, claimCount);
        }
        return message.withClaim(claimId, claimExpiresMillis, message.expiresMillis(), message.ttl(), claimCount);
    }
}
