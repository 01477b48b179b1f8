package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static java.util.Objects.requireNonNull;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Claims: a document per claim in {@code claims}, and the claim's id and expiry on each message it holds.
 * A message is taken by a conditional update that requires it to be unclaimed (or its claim expired) and
 * unchanged since it was read, so two nodes never claim it twice and a live claim is never stolen.
 */
final class MongoClaimStore implements ClaimStore {

    private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
            .returnDocument(ReturnDocument.AFTER);

    private final MongoCollections collections;
    private final MongoCalls calls;
    private final DeadLetterMover deadLetters;
    private final Clock clock;

    MongoClaimStore(MongoCollections collections, MongoCalls calls, DeadLetterMover deadLetters, Clock clock) {
        this.collections = collections;
        this.calls = calls;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Claim> create(QueueRef ref, ClaimSpec spec) {
        requireNonNull(ref, "ref");
        requireNonNull(spec, "spec");
        return calls.call(() -> {
            long now = clock.millis();
            String id = UUID.randomUUID().toString();
            long expires = now + spec.ttl() * 1000L;
            QueueView view = QueueView.load(collections.queues(), ref);
            if (view == null) {
                return new Claim(id, spec.ttl(), spec.grace(), now, expires, List.of());
            }
            Document claim = ClaimDocuments.of(ref, id, spec.ttl(), spec.grace(), now, expires)
                    .append(MongoCollections.GC_AT, collections.gcAt(expires));
            collections.claims().insertOne(claim);
            List<Message> taken = new ArrayList<>(spec.limit());
            AvailableMessages.walk(collections.messages(), view.available(ref, now), spec.limit(), candidate -> {
                Message claimed = take(candidate, id, spec, expires, now);
                if (claimed == null) {
                    return false;
                }
                Message before = MessageDocuments.toMessage(candidate);
                if (deadLetters.isDead(ref, before, spec)) {
                    deadLetters.move(ref, before, spec.deadLetter(), now);
                    return false;
                }
                return taken.add(claimed);
            });
            if (taken.isEmpty()) {
                collections.claims().deleteOne(MessageDocuments.byDocumentId(claim));
            }
            return new Claim(id, spec.ttl(), spec.grace(), now, expires, taken);
        });
    }

    /**
     * Claims one candidate, applying the grace rule of {@link ClaimSpec}, unless another claim or a change got
     * there first ({@code null}). With a dead-letter queue the claim count goes up; a message that was already
     * claimed too often is taken as well: this claim then is the lock of its move to the dead-letter queue.
     */
    private Message take(Document candidate, String claimId, ClaimSpec spec, long claimExpires, long now) {
        long messageExpires = MessageDocuments.longOf(candidate, MessageDocuments.EXPIRES);
        int claimCount = MessageDocuments.intOf(candidate, MessageDocuments.CLAIM_COUNT);
        long graceEnd = claimExpires + spec.grace() * 1000L;
        List<Bson> updates = new ArrayList<>(List.of(set(MessageDocuments.CLAIM_ID, claimId),
                set(MessageDocuments.CLAIM_EXPIRES, claimExpires)));
        if (messageExpires < graceEnd) {
            updates.add(set(MessageDocuments.EXPIRES, graceEnd));
            updates.add(set(MessageDocuments.TTL, spec.ttl() + spec.grace()));
            updates.add(set(MongoCollections.GC_AT, collections.gcAt(graceEnd)));
        }
        if (spec.deadLetter() != null) {
            updates.add(set(MessageDocuments.CLAIM_COUNT, claimCount + 1));
        }
        Document unchanged = MessageDocuments.byDocumentId(candidate)
                .append(MessageDocuments.CLAIM_EXPIRES, new Document("$lte", now))
                .append(MessageDocuments.EXPIRES, messageExpires)
                .append(MessageDocuments.CLAIM_COUNT, claimCount);
        Document claimed = collections.messages().findOneAndUpdate(unchanged, combine(updates), AFTER);
        return claimed == null ? null : MessageDocuments.toMessage(claimed);
    }

    @Override
    public CompletionStage<Claim> get(QueueRef ref, String claimId) {
        requireNonNull(ref, "ref");
        requireNonNull(claimId, "claimId");
        return calls.call(() -> {
            long now = clock.millis();
            Document claim = collections.claims().find(ClaimDocuments.activeById(ref, claimId, now)).first();
            if (claim == null) {
                throw new ClaimNotFoundException(ref, claimId);
            }
            List<Message> messages = new ArrayList<>();
            for (Document message : collections.messages().find(heldBy(ref, claimId, now))
                    .sort(ascending(MessageDocuments.POSITION))) {
                messages.add(MessageDocuments.toMessage(message));
            }
            return ClaimDocuments.toClaim(claim, messages);
        });
    }

    @Override
    public CompletionStage<Void> update(QueueRef ref, String claimId, int ttl, int grace) {
        requireNonNull(ref, "ref");
        requireNonNull(claimId, "claimId");
        return calls.run(() -> {
            long now = clock.millis();
            long expires = now + ttl * 1000L;
            long graceEnd = expires + grace * 1000L;
            if (collections.claims().updateOne(ClaimDocuments.activeById(ref, claimId, now),
                    combine(set(ClaimDocuments.TTL, ttl), set(ClaimDocuments.GRACE, grace),
                            set(ClaimDocuments.CREATED, now), set(ClaimDocuments.EXPIRES, expires),
                            set(MongoCollections.GC_AT, collections.gcAt(expires))))
                    .getMatchedCount() == 0) {
                throw new ClaimNotFoundException(ref, claimId);
            }
            collections.messages().updateMany(and(heldBy(ref, claimId, now), lt(MessageDocuments.EXPIRES, graceEnd)),
                    combine(set(MessageDocuments.EXPIRES, graceEnd), set(MessageDocuments.TTL, ttl + grace),
                            set(MongoCollections.GC_AT, collections.gcAt(graceEnd))));
            collections.messages().updateMany(heldBy(ref, claimId, now), set(MessageDocuments.CLAIM_EXPIRES, expires));
        });
    }

    @Override
    public CompletionStage<Void> release(QueueRef ref, String claimId) {
        requireNonNull(ref, "ref");
        requireNonNull(claimId, "claimId");
        return calls.run(() -> {
            long now = clock.millis();
            collections.messages().updateMany(MessageDocuments.ofQueue(ref).append(MessageDocuments.CLAIM_ID, claimId),
                    combine(set(MessageDocuments.CLAIM_ID, null), set(MessageDocuments.CLAIM_EXPIRES, now)));
            collections.claims().deleteOne(ClaimDocuments.byId(ref, claimId));
        });
    }

    /** Unexpired messages of {@code ref} under the active claim {@code claimId}. */
    private static Document heldBy(QueueRef ref, String claimId, long now) {
        return MessageDocuments.ofQueue(ref)
                .append(MessageDocuments.CLAIM_ID, claimId)
                .append(MessageDocuments.CLAIM_EXPIRES, new Document("$gt", now))
                .append(MessageDocuments.EXPIRES, new Document("$gt", now));
    }
}
