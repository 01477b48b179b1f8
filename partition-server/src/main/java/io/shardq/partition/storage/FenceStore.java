package io.shardq.partition.storage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Per-queue fences, kept in the partition's storage. Requests pass the fence through {@link #enter}: a
 * read is refused only when the queue has moved; a write is refused unless the queue is active, and
 * otherwise holds a lease until its {@link Lease#close()}. Freezing waits for those leases, so once
 * {@link #set} completes no write that passed the old fence is still running (a lease older than the
 * driver's bound, from a crashed node, is not waited for).
 */
public interface FenceStore {

    /** The queue's fence; {@link Fence#ACTIVE} when none was ever set. */
    CompletionStage<Fence> get(QueueRef ref);

    /** Sets the fence; when it blocks writes, completes once earlier write leases have closed. */
    CompletionStage<Void> set(QueueRef ref, Fence fence);

    /**
     * Passes the fence. Fails with {@link QueueFencedException} when the fence refuses the request;
     * otherwise completes with a lease (a no-op one for reads) that the caller closes when done.
     */
    CompletionStage<Lease> enter(QueueRef ref, boolean write);

    /**
     * Starts the queue's change journal afresh (empty, complete): from now on every write lease is
     * {@linkplain Lease#journaling() journaling}. Completes once the write leases taken before have closed, so
     * that every write after that is either finished or journaled; a lease that goes stale instead makes the
     * journal incomplete. Used by a migration before its last live pass, so the frozen pass only has to look
     * at what changed since.
     */
    CompletionStage<Void> startJournal(QueueRef ref);

    /** The journal so far ({@link Journal#INCOMPLETE} when none was started). */
    CompletionStage<Journal> readJournal(QueueRef ref);

    /** Stops and forgets the journal; idempotent. Dropping the queue does too. */
    CompletionStage<Void> stopJournal(QueueRef ref);

    /** A request that passed the fence; closing is idempotent and never fails. */
    interface Lease {
        Lease NONE = () -> { };

        void close();

        /** Whether the queue's journal was on when this write passed: it must {@link #record} before closing. */
        default boolean journaling() {
            return false;
        }

        /**
         * Adds what the write changed to the queue's journal (when journaling; otherwise nothing); completes once
         * stored, and never fails: a change it cannot record makes the journal incomplete instead, and when even
         * that cannot be stored, {@link #close()} leaves this lease open, so it goes stale and whoever finds it
         * (a freeze, a journal start) makes the journal incomplete then.
         */
        default CompletionStage<Void> record(Touched touched) {
            return CompletableFuture.completedFuture(null);
        }

        /** {@link #record}, then {@link #close()}; completes once both are done. */
        default CompletionStage<Void> recordAndClose(Touched touched) {
            return record(touched).handle((recorded, failure) -> {
                close();
                return null;
            });
        }
    }
}
