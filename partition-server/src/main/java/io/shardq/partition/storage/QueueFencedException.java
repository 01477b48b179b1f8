package io.shardq.partition.storage;

/** The queue's fence refuses this request: a write to a frozen queue, or any request for a moved queue. */
public final class QueueFencedException extends StorageException {

    private static final long serialVersionUID = 1L;

    private final transient Fence fence;

    public QueueFencedException(QueueRef ref, Fence fence) {
        super(describe(ref, fence));
        this.fence = fence;
    }

    private static String describe(QueueRef ref, Fence fence) {
        return fence.state() == Fence.State.FROZEN
                ? "Queue " + ref.queue() + " of project " + ref.project() + " is frozen for a migration; retry shortly."
                : "Queue " + ref.queue() + " of project " + ref.project() + " has moved to partition " + fence.movedTo() + ".";
    }

    public Fence fence() {
        return fence;
    }
}
