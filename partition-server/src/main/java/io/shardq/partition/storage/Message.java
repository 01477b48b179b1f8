package io.shardq.partition.storage;

/**
 * A stored message, with everything a move to another partition must preserve.
 *
 * @param id                 globally unique opaque id, valid only within its queue
 * @param position           per-queue position, strictly increasing in acceptance order; the list marker
 * @param body               the message body as JSON text
 * @param ttl                seconds; raised by claim grace (see {@link ClaimSpec})
 * @param createdMillis      epoch millis of acceptance; age is measured from here
 * @param expiresMillis      epoch millis after which the message no longer exists
 * @param delayExpiresMillis epoch millis until which the message is delayed (≤ created when not delayed)
 * @param clientId           the Client-ID that posted it (drives {@code echo})
 * @param claimId            the last claim that took it, or {@code null}; kept after the claim expires
 * @param claimExpiresMillis epoch millis when that claim ends (≤ now: not claimed)
 * @param claimCount         how many claims took it (counted only when a dead-letter queue is configured)
 */
public record Message(String id, long position, String body, int ttl, long createdMillis, long expiresMillis,
                      long delayExpiresMillis, String clientId, String claimId, long claimExpiresMillis,
                      int claimCount) {

    /** Whole seconds since the message was accepted. */
    public long age(long nowMillis) {
        return Math.max(0, (nowMillis - createdMillis) / 1000);
    }

    public boolean isExpired(long nowMillis) {
        return nowMillis >= expiresMillis;
    }

    public boolean isClaimed(long nowMillis) {
        return claimId != null && nowMillis < claimExpiresMillis;
    }

    public boolean isDelayed(long nowMillis) {
        return nowMillis < delayExpiresMillis;
    }

    public boolean isClaimedBy(String claim, long nowMillis) {
        return isClaimed(nowMillis) && claimId.equals(claim);
    }

    public Message withClaim(String claim, long claimExpires, long newExpires, int newTtl, int newClaimCount) {
        return new Message(id, position, body, newTtl, createdMillis, newExpires, delayExpiresMillis, clientId,
                claim, claimExpires, newClaimCount);
    }

    public Message released(long nowMillis) {
        return new Message(id, position, body, ttl, createdMillis, expiresMillis, delayExpiresMillis, clientId,
                null, nowMillis, claimCount);
    }
}
