package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.QueueRef;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;

/**
 * Layout of a document of the {@code fences} collection, one per queue that ever had a fence set or a write
 * pass its fence:
 *
 * <pre>
 * { _id: "project/queue" (QueueRef.key(); queue names never contain '/'),
 *   f: the fence as its header value: "active" | "frozen" | "moved; to=&lt;partition&gt;",
 *   l: { write lease id (random UUID): epoch millis it was taken (storage clock) },
 *   j: the change journal's generation (random UUID) while one is on; absent while off,
 *   jc: whether that journal is still complete, jn: how many ids it holds (JournalDocuments) }
 * </pre>
 *
 * Every writer stores {@code f}, so it is never missing on a document this driver wrote; a missing document
 * (or one without {@code f}) is active. Fences are not queue data: deleting the queue keeps this document;
 * only {@code QueueTransfer.drop} removes it.
 */
final class FenceDocuments {

    static final String FENCE = "f";
    static final String LEASES = "l";
    static final String JOURNAL = "j";
    static final String JOURNAL_COMPLETE = "jc";
    static final String JOURNAL_COUNT = "jn";
    static final String ACTIVE = Fence.ACTIVE.headerValue();

    private FenceDocuments() {
    }

    /** A fresh flat filter on {@code _id} alone, which the embedded server answers from the {@code _id} index. */
    static Document byRef(QueueRef ref) {
        return new Document("_id", ref.key());
    }

    /**
     * The fence document of {@code ref} while it admits writes. Flat equality on exactly the keys of the unique
     * {@code (_id, f)} index, so the embedded server answers it from that index instead of scanning.
     */
    static Document admittingWrites(QueueRef ref) {
        return byRef(ref).append(FENCE, ACTIVE);
    }

    /** The fence document of {@code ref} while {@code generation} is its journal. */
    static Document withJournal(QueueRef ref, String generation) {
        return byRef(ref).append(JOURNAL, generation);
    }

    /** The fence document of {@code ref} while {@code generation} is its journal and still complete. */
    static Document withCompleteJournal(QueueRef ref, String generation) {
        return withJournal(ref, generation).append(JOURNAL_COMPLETE, true);
    }

    /** The generation of the journal on in {@code document}, complete or not; {@code null} when none is on. */
    static String journalOf(Document document) {
        return document == null ? null : document.getString(JOURNAL);
    }

    /** The generation of the journal on in {@code document} if it is still complete, else {@code null}. */
    static String completeJournalOf(Document document) {
        return journalOf(document) != null && document.getBoolean(JOURNAL_COMPLETE, false) ? journalOf(document)
                : null;
    }

    /** The field of one lease inside {@link #LEASES}. */
    static String lease(String leaseId) {
        return LEASES + "." + leaseId;
    }

    static Fence fenceOf(Document document) {
        return document == null ? Fence.ACTIVE : Fence.parse(document.getString(FENCE));
    }

    /** The leases recorded in {@code document}: id → epoch millis taken. */
    static Map<String, Long> leasesOf(Document document) {
        Map<String, Long> leases = new HashMap<>();
        Document recorded = document == null ? null : document.get(LEASES, Document.class);
        if (recorded != null) {
            recorded.forEach((id, taken) -> leases.put(id, taken instanceof Number n ? n.longValue() : 0L));
        }
        return leases;
    }
}
