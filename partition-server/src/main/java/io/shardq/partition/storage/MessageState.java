package io.shardq.partition.storage;

/**
 * The mutable part of a stored message, for reconciling a copy (no body): what claims, grace and
 * dead-lettering change after a message was posted.
 */
public record MessageState(String id, long position, int ttl, long expiresMillis, String claimId,
                           long claimExpiresMillis, int claimCount) {

    public static MessageState of(Message message) {
        return new MessageState(message.id(), message.position(), message.ttl(), message.expiresMillis(),
                message.claimId(), message.claimExpiresMillis(), message.claimCount());
    }
}
