package io.shardq.partition.storage;

/**
 * A delete without a claim id, or with the id of another active claim, hit a claimed message
 * (Zaqar's {@code NotPermitted} / {@code MessageNotClaimedBy}).
 */
public final class MessageClaimedException extends StorageException {

    private static final long serialVersionUID = 1L;

    public MessageClaimedException(String messageId) {
        super("Message " + messageId + " is claimed");
    }
}
