package io.shardq.partition.storage;

/** The claim does not exist in that queue, was released, or has expired. */
public final class ClaimNotFoundException extends StorageException {

    private static final long serialVersionUID = 1L;

    public ClaimNotFoundException(QueueRef ref, String claimId) {
        super("Claim " + claimId + " does not exist in queue " + ref.queue() + " for project " + ref.project());
    }
}
