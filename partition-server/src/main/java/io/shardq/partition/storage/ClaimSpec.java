package io.shardq.partition.storage;

/**
 * What to claim. Each claimed message whose expiry is earlier than claim expiry + grace gets
 * {@code ttl = claim ttl + grace} and {@code expires = claim expires + grace}, so it outlives the claim by
 * at least {@code grace}.
 *
 * @param ttl        seconds, 60..max_claim_ttl
 * @param grace      seconds, 0..max_claim_grace
 * @param limit      1..max_messages_per_claim_or_pop
 * @param deadLetter where messages claimed too often go, or {@code null}
 */
public record ClaimSpec(int ttl, int grace, int limit, DeadLetter deadLetter) {

    public static ClaimSpec of(int ttl, int grace, int limit) {
        return new ClaimSpec(ttl, grace, limit, null);
    }

    /**
     * The queue's dead-letter settings: a message that has already been claimed {@code maxClaimCount}
     * times is moved (same id) to {@code queue} of the same project instead of being claimed again.
     *
     * @param ttl seconds the moved message lives, or {@code 0} to keep its own ttl
     */
    public record DeadLetter(String queue, int maxClaimCount, int ttl) {
    }
}
