package io.shardq.partition.storage.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import io.shardq.partition.storage.QueueRef;
import java.util.List;
import org.bson.Document;

/**
 * Layout of a document of the {@code queues} collection:
 *
 * <pre>
 * { _id: ObjectId, p: project, n: name, m: metadata (JSON text), cr: created ms,
 *   s: start position (positions of this incarnation are &gt; s),
 *   c: last reserved position, v: visible watermark (every position &le; v is committed or aborted),
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
    static final String START = "s";
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
     * Inserts the queue unless it exists. Positions start above {@code nowMillis * 1000}, so a re-created
     * queue never reuses a position of its previous incarnation (markers and stray writes stay apart).
     *
     * @return {@code true} if this call created it
     */
    static boolean insert(MongoCollection<Document> queues, QueueRef ref, String metadataJson, long nowMillis) {
        long start = nowMillis * 1000;
        Document queue = new Document(PROJECT, ref.project())
                .append(NAME, ref.queue())
                .append(METADATA, metadataJson)
                .append(CREATED, nowMillis)
                .append(START, start)
                .append(COUNTER, start)
                .append(VISIBLE, start)
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
