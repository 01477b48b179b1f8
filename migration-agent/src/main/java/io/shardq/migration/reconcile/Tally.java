package io.shardq.migration.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the two sides of a reconciliation stand: counts and whole-queue digests (range digests added up) of
 * both, the ranges that differ (each side's view of them) and whether the claims match. Filled by one thread.
 */
final class Tally {

    long sourceCount;
    long sourceDigest;
    long destinationCount;
    long destinationDigest;
    boolean claimsMatch = true;
    /** The source's ranges that differ, ascending. */
    final List<DigestRange> differing = new ArrayList<>();
    /** The destination's view of the same ranges. */
    final List<DigestRange> destinationDiffering = new ArrayList<>();

    /** The totals of {@code previous} without its differing ranges, which a re-check then adds back. */
    static Tally withoutDiffering(Tally previous) {
        Tally tally = new Tally();
        tally.sourceCount = previous.sourceCount - DigestRange.count(previous.differing);
        tally.sourceDigest = previous.sourceDigest - DigestRange.sum(previous.differing);
        tally.destinationCount = previous.destinationCount - DigestRange.count(previous.destinationDiffering);
        tally.destinationDigest = previous.destinationDigest - DigestRange.sum(previous.destinationDiffering);
        return tally;
    }

    /** Adds a request the source sent and the destination's answer to it. */
    void add(DigestRequest request, DigestAnswer answer) {
        sourceCount += DigestRange.count(request.ranges());
        sourceDigest += DigestRange.sum(request.ranges());
        destinationCount += answer.count();
        destinationDigest += answer.digest();
        Map<Bounds, DigestRange> theirs = new HashMap<>();
        answer.differing().forEach(range -> theirs.put(new Bounds(range.from(), range.to()), range));
        for (DigestRange range : request.ranges()) {
            DigestRange other = theirs.get(new Bounds(range.from(), range.to()));
            if (other != null) {
                differing.add(range);
                destinationDiffering.add(other);
            }
        }
        if (request.claims().isPresent()) {
            claimsMatch = answer.claims().isPresent() && answer.claims().getAsLong() == request.claims().getAsLong();
        }
    }

    /** Every range, the claims, and the totals agree. */
    boolean matches() {
        return differing.isEmpty() && claimsMatch && sourceCount == destinationCount
                && sourceDigest == destinationDigest;
    }

    String describe() {
        return "source " + sourceCount + " messages (digest " + ReconcileCodec.hex(sourceDigest) + "), destination "
                + destinationCount + " (digest " + ReconcileCodec.hex(destinationDigest) + "), " + differing.size()
                + " ranges differ, claims " + (claimsMatch ? "match" : "differ");
    }

    private record Bounds(long from, long to) {
    }
}
