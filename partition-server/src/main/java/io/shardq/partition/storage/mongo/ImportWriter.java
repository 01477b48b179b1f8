package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes copied data into a queue without transactions: export pages (messages upserted by id at their own
 * positions, claims by id) and reconciled message states. Each write is idempotent, so a page imported twice,
 * or in another order, leaves the same queue.
 *
 * <p>An import respects the visibility watermark ({@link PositionSequencer}): it first reserves the positions
 * above the counter up to the page's highest ({@link PositionSequencer#reserveUpTo}), writes, commits that
 * reservation and advances the watermark over it, so the page is visible when the import completes and no
 * pending entry is left behind. Imported messages carry the batch id {@value #IMPORTED}, which is never
 * aborted, and the queue's current generation.
 */
final class ImportWriter {

    /** The batch id of imported messages; never in a queue's aborted list. */
    static final String IMPORTED = "import";

    private static final Logger logger = LoggerFactory.getLogger(ImportWriter.class);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollections collections;
    private final PositionSequencer sequencer;
    private final Clock clock;

    ImportWriter(MongoCollections collections, PositionSequencer sequencer, Clock clock) {
        this.collections = collections;
        this.sequencer = sequencer;
        this.clock = clock;
    }

    /** Creates the queue if missing, replaces its metadata, writes the page and makes it visible. */
    void importPage(QueueRef ref, ExportPage page) throws InterruptedException {
        long now = clock.millis();
        ObjectId generation = withMetadata(ref, MongoQueueStore.write(page.metadata()), now);
        long top = Math.max(page.lastPosition(),
                page.messages().stream().mapToLong(Message::position).max().orElse(0));
        PositionSequencer.Reservation reserved = sequencer.reserveUpTo(ref, top);
        writeMessages(ref, generation, page.messages(), now);
        writeClaims(ref, page.claims());
        if (reserved != null && !sequencer.commit(reserved)) {
            logger.warn("import reservation {} of {} was aborted as stalled; the imported messages stay visible",
                    reserved.batch(), ref);
        }
        sequencer.awaitVisible(ref, top, "import");
    }

    /**
     * Overwrites ttl, expiry and claim fields of the stored messages among {@code states}; unknown ids are
     * ignored and messages expired by now are deleted. A message that left its claim means that claim ended at
     * the source (only a release or expiry lets a message go), so that claim's document goes, as a release does.
     */
    void applyStates(QueueRef ref, List<MessageState> states) {
        long now = clock.millis();
        Map<String, String> claimOf = new HashMap<>();
        for (Document stored : collections.messages()
                .find(and(MessageDocuments.ofQueue(ref), in(MessageDocuments.ID, states.stream().map(MessageState::id).toList())))
                .projection(include(MessageDocuments.ID, MessageDocuments.CLAIM_ID))) {
            claimOf.put(stored.getString(MessageDocuments.ID), stored.getString(MessageDocuments.CLAIM_ID));
        }
        List<WriteModel<Document>> writes = new ArrayList<>(claimOf.size());
        Set<String> ended = new HashSet<>();
        for (MessageState state : states) {
            if (!claimOf.containsKey(state.id())) {
                continue;
            }
            String before = claimOf.get(state.id());
            if (before != null && !before.equals(state.claimId())) {
                ended.add(before);
            }
            writes.add(now >= state.expiresMillis() ? new DeleteOneModel<>(MessageDocuments.byId(ref, state.id()))
                    : new UpdateOneModel<>(MessageDocuments.byId(ref, state.id()), combine(
                            set(MessageDocuments.TTL, state.ttl()),
                            set(MessageDocuments.EXPIRES, state.expiresMillis()),
                            set(MessageDocuments.CLAIM_ID, state.claimId()),
                            set(MessageDocuments.CLAIM_EXPIRES, state.claimExpiresMillis()),
                            set(MessageDocuments.CLAIM_COUNT, state.claimCount()),
                            set(MongoCollections.GC_AT, collections.gcAt(state.expiresMillis())))));
        }
        if (!writes.isEmpty()) {
            collections.messages().bulkWrite(writes, UNORDERED);
        }
        if (!ended.isEmpty()) {
            collections.claims().deleteMany(and(ClaimDocuments.ofQueue(ref), in(ClaimDocuments.ID, List.copyOf(ended))));
        }
    }

    /** Sets the metadata, creating the queue if missing; returns its generation. */
    private ObjectId withMetadata(QueueRef ref, String metadata, long now) {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions()
                .projection(include("_id")).returnDocument(ReturnDocument.AFTER);
        for (int attempt = 0; attempt < 3; attempt++) {
            Document queue = collections.queues().findOneAndUpdate(QueueDocuments.byRef(ref),
                    set(QueueDocuments.METADATA, metadata), options);
            if (queue != null) {
                return queue.getObjectId("_id");
            }
            QueueDocuments.insert(collections.queues(), ref, metadata, now);
        }
        throw new IllegalStateException("queue " + ref + " vanished while importing three times");
    }

    /**
     * Upserts the unexpired messages by id at their positions (a different message at one of those positions is
     * replaced: deleted first, or the unique position index would refuse the upsert); deletes expired ones.
     */
    private void writeMessages(QueueRef ref, ObjectId generation, List<Message> messages, long now) {
        List<String> expired = new ArrayList<>();
        Map<Long, String> idAt = new HashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>(messages.size());
        for (Message message : messages) {
            if (now >= message.expiresMillis()) {
                expired.add(message.id());
                continue;
            }
            idAt.put(message.position(), message.id());
            writes.add(new ReplaceOneModel<>(MessageDocuments.byId(ref, message.id()),
                    MessageDocuments.of(ref, message, message.position(), IMPORTED)
                            .append(MessageDocuments.GENERATION, generation)
                            .append(MongoCollections.GC_AT, collections.gcAt(message.expiresMillis())),
                    UPSERT));
        }
        if (!expired.isEmpty()) {
            collections.messages().deleteMany(and(MessageDocuments.ofQueue(ref), in(MessageDocuments.ID, expired)));
        }
        if (writes.isEmpty()) {
            return;
        }
        removeDisplaced(ref, idAt);
        collections.messages().bulkWrite(writes, UNORDERED);
    }

    /** Deletes documents at the positions of {@code idAt} that hold another message id (any generation). */
    private void removeDisplaced(QueueRef ref, Map<Long, String> idAt) {
        long low = idAt.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long high = idAt.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        List<Object> displaced = new ArrayList<>();
        for (Document occupant : collections.messages()
                .find(and(MessageDocuments.ofQueue(ref), gte(MessageDocuments.POSITION, low),
                        lte(MessageDocuments.POSITION, high)))
                .projection(include(MessageDocuments.ID, MessageDocuments.POSITION))) {
            String wanted = idAt.get(MessageDocuments.longOf(occupant, MessageDocuments.POSITION));
            if (wanted != null && !wanted.equals(occupant.getString(MessageDocuments.ID))) {
                displaced.add(occupant.get("_id"));
            }
        }
        if (!displaced.isEmpty()) {
            collections.messages().deleteMany(in("_id", displaced));
        }
    }

    private void writeClaims(QueueRef ref, List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(claims.size());
        for (Claim claim : claims) {
            writes.add(new ReplaceOneModel<>(ClaimDocuments.byId(ref, claim.id()),
                    ClaimDocuments.of(ref, claim.id(), claim.ttl(), claim.grace(), claim.createdMillis(),
                                    claim.expiresMillis())
                            .append(MongoCollections.GC_AT, collections.gcAt(claim.expiresMillis())),
                    UPSERT));
        }
        collections.claims().bulkWrite(writes, UNORDERED);
    }
}
