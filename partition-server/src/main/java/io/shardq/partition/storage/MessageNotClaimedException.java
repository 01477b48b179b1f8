package io.shardq.partition.storage;

/** A delete named a valid claim, but the message is not currently claimed (Zaqar's {@code MessageNotClaimed}). */
public final class MessageNotClaimedException extends StorageException {

    private static final long serialVersionUID = 1L;

    public MessageNotClaimedException(String messageId) {
        super("Message " + messageId + " is not claimed");
    }
}
