package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueRef;

/**
 * Moves a message that was claimed too often to the tail of its dead-letter queue (same project), keeping
 * its id, age and claim count. The claim that found it holds it while the copy is appended and the
 * original deleted. If a node dies half-way, the claim expires and the next claim repeats the move; the
 * unique (project, queue, id) index makes the repeated append a no-op.
 */
final class DeadLetterMover {

    private final MongoCollections collections;
    private final BatchAppender appender;

    DeadLetterMover(MongoCollections collections, BatchAppender appender) {
        this.collections = collections;
        this.appender = appender;
    }

    /** True when the claim must move {@code message} (as it was before this claim took it) instead of claiming it. */
    boolean isDead(QueueRef ref, Message message, ClaimSpec spec) {
        return spec.deadLetter() != null && !spec.deadLetter().queue().equals(ref.queue())
                && message.claimCount() >= spec.deadLetter().maxClaimCount();
    }

    /**
     * Moves {@code message} of {@code ref}, which the caller's claim holds (that claim is the lock: should
     * this node die half-way, the message becomes available again when the claim expires and the next claim
     * moves it).
     */
    void move(QueueRef ref, Message message, ClaimSpec.DeadLetter deadLetter, long now) throws InterruptedException {
        Message moved = asDeadLetter(message, deadLetter, now);
        QueueRef target = QueueRef.of(ref.project(), deadLetter.queue());
        appender.append(target, 1, (index, position, batch) -> MessageDocuments.of(target, moved, position, batch)
                .append(MongoCollections.GC_AT, collections.gcAt(moved.expiresMillis())));
        collections.messages().deleteOne(MessageDocuments.byId(ref, message.id()));
    }

    /** Unclaimed, same id, age and claim count; ttl replaced (from now) when the dead-letter ttl is set. */
    private static Message asDeadLetter(Message message, ClaimSpec.DeadLetter deadLetter, long now) {
        boolean newTtl = deadLetter.ttl() > 0;
        return new Message(message.id(), message.position(), message.body(),
                newTtl ? deadLetter.ttl() : message.ttl(), message.createdMillis(),
                newTtl ? now + deadLetter.ttl() * 1000L : message.expiresMillis(),
                message.delayExpiresMillis(), message.clientId(), null, now, message.claimCount());
    }
}
