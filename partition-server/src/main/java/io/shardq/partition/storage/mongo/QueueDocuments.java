package io.shardq.partition.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.shardq.partition.storage.QueueRef;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Layout of a document of the {@code queues} collection:
 *
 * <pre>
 * { _id: ObjectId (also the generation: messages carry it as g), p: project, n: name,
 *   m: metadata (JSON text), cr: created ms,
 *   c: last reserved position (0: none yet), v: visible watermark (every position &le; v is committed or
 *   aborted),
 *   pd: [ { b: batch id, n: count, s: 0 reserved | 1 committed | 2 aborted, t: reserved at ms } ],
 *   ab: [ { b: batch id, t: aborted at ms } ] }
 * </pre>
 *
 * Invariant: {@code v + sum(pd.n) == c}, and {@code pd} lists the unresolved-or-unpassed batches in
 * reservation order (see {@link PositionSequencer}).
 */
final class QueueDocuments {

    static final String PROJECT = "p";
    static final String NAME = "n";
    static final String METADATA = "m";
    static final String CREATED = "cr";
    static final String COUNTER = "c";
    static final String VISIBLE = "v";
    static final String PENDING = "pd";
    static final String ABORTED = "ab";

    /** Fields of a {@link #PENDING} or {@link #ABORTED} entry. */
    static final String ENTRY_BATCH = "b";
    static final String ENTRY_COUNT = "n";
    static final String ENTRY_STATE = "s";
    static final String ENTRY_TIME = "t";

    static final int RESERVED = 0;
    static final int COMMITTED = 1;
    static final int ABORTED_STATE = 2;

    private QueueDocuments() {
    }

    /**
     * A fresh flat filter for the queue; callers may append further conditions. Flat (not {@code $and}) so
     * that the embedded server can use the unique (p, n) index.
     */
    static Document byRef(QueueRef ref) {
        return new Document(PROJECT, ref.project()).append(NAME, ref.queue());
    }

    /**
     * Inserts the queue unless it exists. Positions start at 1. A re-created queue is a new generation (a
     * new {@code _id}), so stray writes of an earlier incarnation at the same positions stay invisible.
     *
     * @return {@code true} if this call created it
     */
    static boolean insert(MongoCollection<Document> queues, QueueRef ref, String metadataJson, long nowMillis) {
        Document queue = new Document("_id", new ObjectId())
                .append(PROJECT, ref.project())
                .append(NAME, ref.queue())
                .append(METADATA, metadataJson)
                .append(CREATED, nowMillis)
                .append(COUNTER, 0L)
                .append(VISIBLE, 0L)
                .append(PENDING, List.of())
                .append(ABORTED, List.of());
        try {
            queues.insertOne(queue);
            return true;
        } catch (MongoException e) {
            if (DuplicateKeys.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
