package io.shardq.partition.storage;

/** The queue does not exist. */
public final class QueueNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    public QueueNotFoundException(QueueRef ref) {
        super("Queue " + ref.queue() + " does not exist for project " + ref.project());
    }
}
