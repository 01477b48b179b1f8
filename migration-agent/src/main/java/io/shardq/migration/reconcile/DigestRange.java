package io.shardq.migration.reconcile;

import io.shardq.partition.storage.MessageState;
import java.util.List;

/**
 * One side's view of the positions {@code (from, to]} of a queue: how many message states it holds there and
 * their digest, a 64-bit hash of every state in position order ({@link Hashes#state}). States that expire at
 * or before the comparison's horizon are left out of both, on both sides, so a message expiring while the two
 * sides are read does not count as a difference.
 *
 * @param from  the position after which the range starts; -1 for the start of the queue
 * @param to    the last position of the range ({@link Long#MAX_VALUE}: open-ended)
 * @param count states in the range (those expiring after the horizon)
 * @param digest their digest
 */
public record DigestRange(long from, long to, long count, long digest) {

    public DigestRange {
        if (from < -1 || to < from || count < 0) {
            throw new IllegalArgumentException("range: from " + from + ", to " + to + ", count " + count
                    + " (expected: -1 <= from <= to, count >= 0)");
        }
    }

    /** Same count and digest: the two sides hold the same states there. */
    public boolean matches(DigestRange other) {
        return count == other.count && digest == other.digest;
    }

    public PositionRange positions() {
        return new PositionRange(from, to);
    }

    /** The whole-queue digest of ranges that cover it: their digests added up, so batches combine in any order. */
    public static long sum(List<DigestRange> ranges) {
        long sum = 0;
        for (DigestRange range : ranges) {
            sum += range.digest;
        }
        return sum;
    }

    public static long count(List<DigestRange> ranges) {
        return ranges.stream().mapToLong(DigestRange::count).sum();
    }

    /** Folds the states of one range, in position order, into its count and digest. Not thread-safe. */
    static final class Builder {

        private final long horizon;
        private long hash = Hashes.SEED;
        private long count;

        /** @param horizon epoch millis; states expiring at or before it are left out */
        Builder(long horizon) {
            this.horizon = horizon;
        }

        void add(MessageState state) {
            if (state.expiresMillis() > horizon) {
                hash = Hashes.mix(hash, Hashes.state(state));
                count++;
            }
        }

        DigestRange build(long from, long to) {
            return new DigestRange(from, to, count, Hashes.finish(hash, count));
        }
    }
}
