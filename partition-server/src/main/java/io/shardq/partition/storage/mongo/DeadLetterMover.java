package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueRef;
import java.util.UUID;
import org.bson.Document;

/**
 * Moves a message that was claimed too often to the tail of its dead-letter queue (same project), keeping
 * its id, age and claim count. The move first locks the message with a short transient claim (so no
 * other claimer takes it), then appends the copy, then deletes the original. If a node dies half-way, the
 * lock expires and the next claim repeats the move; the unique (project, queue, id) index makes the
 * repeated append a no-op.
 */
final class DeadLetterMover {

    private static final long LOCK_MILLIS = 60_000;

    private final MongoCollections collections;
    private final BatchAppender appender;

    DeadLetterMover(MongoCollections collections, BatchAppender appender) {
        this.collections = collections;
        this.appender = appender;
    }

    /** True when the claim must move {@code candidate} instead of claiming it. */
    boolean isDead(QueueRef ref, Document candidate, ClaimSpec spec) {
        ClaimSpec.DeadLetter deadLetter = spec.deadLetter();
        return deadLetter != null && !deadLetter.queue().equals(ref.queue())
                && MessageDocuments.intOf(candidate, MessageDocuments.CLAIM_COUNT) >= deadLetter.maxClaimCount();
    }

    /** Moves {@code candidate} of {@code ref} unless another node got to it first. */
    void move(QueueRef ref, Document candidate, ClaimSpec.DeadLetter deadLetter, long now)
            throws InterruptedException {
        Document locked = collections.messages().findOneAndUpdate(and(eq("_id", candidate.get("_id")),
                        lte(MessageDocuments.CLAIM_EXPIRES, now),
                        eq(MessageDocuments.EXPIRES, candidate.get(MessageDocuments.EXPIRES))),
                combine(set(MessageDocuments.CLAIM_ID, UUID.randomUUID().toString()),
                        set(MessageDocuments.CLAIM_EXPIRES, now + LOCK_MILLIS)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (locked == null) {
            return;
        }
        Message moved = asDeadLetter(MessageDocuments.toMessage(locked), deadLetter, now);
        QueueRef target = QueueRef.of(ref.project(), deadLetter.queue());
        appender.append(target, 1, (index, position, batch) -> MessageDocuments.of(target, moved, position, batch)
                .append(MongoCollections.GC_AT, collections.gcAt(moved.expiresMillis())));
        collections.messages().deleteOne(eq("_id", locked.get("_id")));
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
