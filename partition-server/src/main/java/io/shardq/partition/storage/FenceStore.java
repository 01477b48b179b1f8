package io.shardq.partition.storage;

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

    /** A request that passed the fence; closing is idempotent and never fails. */
    interface Lease {
        Lease NONE = () -> { };

        void close();
    }
}
