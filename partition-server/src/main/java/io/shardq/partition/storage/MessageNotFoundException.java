package io.shardq.partition.storage;

/** The message does not exist in that queue (or has expired). */
public final class MessageNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    public MessageNotFoundException(QueueRef ref, String id) {
        super("Message " + id + " does not exist in queue " + ref.queue() + " for project " + ref.project());
    }
}
