package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.QueueRef;
import org.bson.Document;

/**
 * Layout of a document of the {@code journals} collection: one message id recorded by a queue's change journal
 * ({@link ChangeJournals}). One document per id, so a record is a bulk of small upserts, a repeated id is a no-op
 * and the count of new ids is exact:
 *
 * <pre>
 * { _id: "&lt;generation&gt;/&lt;message id&gt;", p: project, q: queue, g: journal generation (FenceDocuments "j"),
 *   i: message id }
 * </pre>
 *
 * A generation is a random UUID, new with every start of any queue's journal, so it alone scopes the {@code _id}:
 * an upsert by {@code _id} needs no index beyond the one every collection has (the embedded server is several
 * times faster so than with a compound unique index). The generation also tells a journal's ids from those of an
 * earlier journal of the same queue that are still being freed.
 */
final class JournalDocuments {

    static final String PROJECT = "p";
    static final String QUEUE = "q";
    static final String GENERATION = "g";
    static final String ID = "i";

    private JournalDocuments() {
    }

    static Document ofQueue(QueueRef ref) {
        return new Document(PROJECT, ref.project()).append(QUEUE, ref.queue());
    }

    static Document ofJournal(QueueRef ref, String generation) {
        return ofQueue(ref).append(GENERATION, generation);
    }

    static Document byId(String generation, String id) {
        return new Document("_id", generation + "/" + id);
    }
}
