package io.shardq.migration.reconcile;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.MessageState;
import java.util.Comparator;
import java.util.List;

/**
 * The 64-bit hashes reconciliation compares: one message state, a range of states in position order, a
 * queue's active claims. Murmur3-style mixing of the fields, texts by their Java hash. Not cryptographic: they
 * find what a copy missed between two trusted agents, they do not resist forgery.
 */
final class Hashes {

    /** The starting value of every hash (any constant would do; both sides must use the same). */
    static final long SEED = 0x2545F4914F6CDD1DL;

    private static final long NULL_TEXT = 0x9E3779B97F4A7C15L;
    private static final long C1 = 0x87C37B91114253D5L;
    private static final long C2 = 0x4CF5AD432745937FL;

    private Hashes() {
    }

    /** Every field a delta may change, and the id and position that place the message. */
    static long state(MessageState state) {
        long h = mix(SEED, text(state.id()));
        h = mix(h, state.position());
        h = mix(h, state.ttl());
        h = mix(h, state.expiresMillis());
        h = mix(h, text(state.claimId()));
        h = mix(h, state.claimExpiresMillis());
        h = mix(h, state.claimCount());
        return finish(h, 7);
    }

    /** The claims that expire after {@code horizon}, by id: id, ttl, grace, created and expiry of each. */
    static long claims(List<Claim> claims, long horizon) {
        long h = SEED;
        long count = 0;
        for (Claim claim : claims.stream().sorted(Comparator.comparing(Claim::id)).toList()) {
            if (claim.expiresMillis() > horizon) {
                h = mix(h, text(claim.id()));
                h = mix(h, claim.ttl());
                h = mix(h, claim.grace());
                h = mix(h, claim.createdMillis());
                h = mix(h, claim.expiresMillis());
                count++;
            }
        }
        return finish(h, count);
    }

    /** Folds {@code value} into {@code hash}; the order of values matters. */
    static long mix(long hash, long value) {
        long k = Long.rotateLeft(value * C1, 31) * C2;
        return Long.rotateLeft(hash ^ k, 27) * 5 + 0x52DCE729L;
    }

    /** The final avalanche, with the number of values folded in. */
    static long finish(long hash, long count) {
        long k = hash ^ count;
        k = (k ^ (k >>> 33)) * 0xFF51AFD7ED558CCDL;
        k = (k ^ (k >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return k ^ (k >>> 33);
    }

    /**
     * Java's {@link String#hashCode()} (which the string caches, so the ids a store keeps in hash maps cost
     * nothing here) with the length; {@code null} has a value of its own, unlike {@code ""}. 32 bits suffice: a
     * wrong message at a position goes unnoticed only if its ttl, expiry and claim fields match to the
     * millisecond and its id's hash collides too.
     */
    static long text(String text) {
        return text == null ? NULL_TEXT : (long) text.hashCode() << 32 ^ text.length();
    }
}
