package io.shardq.partition.claims;

import static java.util.Objects.requireNonNull;

import io.shardq.common.concurrent.Failures;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Touched;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * A claim that dead-letters writes to a second queue, the dead-letter queue, so it passes that queue's fence
 * too: while the dead-letter queue is frozen or has moved to another partition (a migration), the claim
 * dead-letters nothing this time (its messages are claimed as usual and dead-lettered by a later claim);
 * otherwise it holds a write lease on the dead-letter queue until the claim is done, so a freeze of that
 * queue waits for the move, and records the move in its change journal (as an unknown change: the claim
 * does not return the messages it moved).
 */
final class DeadLetterGate {

    private final FenceStore fences;

    DeadLetterGate(FenceStore fences) {
        this.fences = requireNonNull(fences, "fences");
    }

    /** Passes the dead-letter queue's fence for a claim on {@code from}; never fails for a fenced queue. */
    CompletionStage<Pass> pass(QueueRef from, ClaimSpec.DeadLetter deadLetter) {
        if (deadLetter == null) {
            return CompletableFuture.completedFuture(Pass.NONE);
        }
        return fences.enter(QueueRef.of(from.project(), deadLetter.queue()), true).handle((lease, failure) -> {
            if (failure == null) {
                return new Pass(deadLetter, lease);
            }
            Throwable cause = Failures.cause(failure);
            if (cause instanceof QueueFencedException) {
                return Pass.NONE;
            }
            throw new CompletionException(cause);
        });
    }

    /**
     * What the claim may do: dead-letter with {@code deadLetter} ({@code null}: not this time), holding
     * {@code lease} on the dead-letter queue.
     */
    record Pass(ClaimSpec.DeadLetter deadLetter, FenceStore.Lease lease) {

        static final Pass NONE = new Pass(null, FenceStore.Lease.NONE);

        /** After the claim: records the move in the dead-letter queue's journal, then closes the lease. */
        void release() {
            lease.recordAndClose(Touched.UNKNOWN);
        }
    }
}
