package io.shardq.migration.reconcile;

import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;

/** The destination's answer to a digest request: its own digests of the same ranges, in one scan of its states. */
final class RangeCompare {

    private RangeCompare() {
    }

    static DigestAnswer answer(QueueTransfer transfer, QueueRef ref, DigestRequest request)
            throws InterruptedException, ExecutionException {
        StateStream states = new StateStream(transfer, ref);
        List<DigestRange> differing = new ArrayList<>();
        long count = 0;
        long digest = 0;
        for (DigestRange theirs : request.ranges()) {
            DigestRange mine = states.digest(theirs.from(), theirs.to(), request.horizon());
            count += mine.count();
            digest += mine.digest();
            if (!mine.matches(theirs)) {
                differing.add(mine);
            }
        }
        OptionalLong claims = request.claims().isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Hashes.claims(ActiveClaims.of(transfer, ref), request.horizon()));
        return new DigestAnswer(differing, count, digest, claims);
    }
}
