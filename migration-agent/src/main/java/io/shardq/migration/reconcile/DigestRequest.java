package io.shardq.migration.reconcile;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalLong;

/**
 * The body of {@code POST /v2/transfer/digests}: the source's ranges, ascending and not overlapping, for the
 * destination to compare with its own; optionally the source's claims digest.
 *
 * @param horizon epoch millis: messages and claims that expire at or before it are left out on both sides
 * @param ranges  the source's ranges in ascending order (each {@code from} at or after the previous {@code to})
 * @param claims  the source's {@link Hashes#claims} digest, when the claims are to be compared too
 */
public record DigestRequest(long horizon, List<DigestRange> ranges, OptionalLong claims) {

    /** Most ranges in one request. */
    public static final int MAX_RANGES = 10_000;

    public DigestRequest {
        ranges = List.copyOf(ranges);
        requireNonNull(claims, "claims");
        if (ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("ranges: " + ranges.size() + " (expected: at most " + MAX_RANGES + ")");
        }
        PositionRange.checkAscending(ranges.stream().map(DigestRange::positions).toList(), "ranges");
    }
}
