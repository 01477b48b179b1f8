package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The queues' change journals ({@code FenceStore.startJournal}). A journal's state is on the queue's fence
 * document ({@link FenceDocuments}: generation {@code j}, complete {@code jc}, count {@code jn}), so a write learns
 * whether to record from the same update that lets it pass; its ids are documents of their own
 * ({@link JournalDocuments}). Without transactions the two are tied by the generation: each start picks a new one,
 * a write records under the generation it passed with, and only the fence document says which generation counts
 * and whether it is still complete. A record therefore adds its ids first and then counts the new ones with a
 * compare-and-set on its generation being complete; when that fails (stopped, restarted or made incomplete
 * meanwhile) it frees what its generation holds, so no id outlives its journal for long. Every method blocks:
 * callers run them on the driver pool.
 */
final class ChangeJournals {

    /** Records with more ids than this check the journal's count before writing them. */
    private static final int LARGE_RECORD = 1_000;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> fences;
    private final MongoCollection<Document> journals;

    ChangeJournals(MongoCollections collections) {
        this.fences = collections.fences();
        this.journals = collections.journals();
    }

    /**
     * Turns on a new, empty and complete journal and frees the ids of earlier ones. Returns the fence document
     * after the change (its leases and {@code j}): the leases open as the journal started.
     */
    Document start(QueueRef ref) {
        String generation = UUID.randomUUID().toString();
        Document fence = fences.findOneAndUpdate(FenceDocuments.byRef(ref),
                combine(set(FenceDocuments.JOURNAL, generation), set(FenceDocuments.JOURNAL_COMPLETE, true),
                        set(FenceDocuments.JOURNAL_COUNT, 0), setOnInsert(FenceDocuments.FENCE, FenceDocuments.ACTIVE)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                        .projection(include(FenceDocuments.LEASES, FenceDocuments.JOURNAL)));
        journals.deleteMany(and(JournalDocuments.ofQueue(ref), ne(JournalDocuments.GENERATION, generation)));
        return fence;
    }

    /** Adds {@code ids} to journal {@code generation} while it is complete; past {@link Journal#MAX_IDS} it is not. */
    void record(QueueRef ref, String generation, Set<String> ids) {
        if (ids.size() > Journal.MAX_IDS || (ids.size() > LARGE_RECORD && wouldOverflow(ref, generation, ids.size()))) {
            markIncomplete(ref, generation);
            return;
        }
        int added = add(ref, generation, ids);
        if (added == 0) {
            return;
        }
        Document counted = fences.findOneAndUpdate(FenceDocuments.withCompleteJournal(ref, generation),
                inc(FenceDocuments.JOURNAL_COUNT, added), new FindOneAndUpdateOptions()
                        .returnDocument(ReturnDocument.AFTER).projection(include(FenceDocuments.JOURNAL_COUNT)));
        if (counted == null) {
            journals.deleteMany(JournalDocuments.ofJournal(ref, generation));
        } else if (MessageDocuments.longOf(counted, FenceDocuments.JOURNAL_COUNT) > Journal.MAX_IDS) {
            markIncomplete(ref, generation);
        }
    }

    /**
     * Whether {@code more} ids would take journal {@code generation} past {@link Journal#MAX_IDS} by its count so
     * far: a large record asks first rather than writing ids that would only be freed again.
     */
    private boolean wouldOverflow(QueueRef ref, String generation, int more) {
        Document fence = fences.find(FenceDocuments.withCompleteJournal(ref, generation))
                .projection(include(FenceDocuments.JOURNAL_COUNT)).first();
        return fence != null && MessageDocuments.longOf(fence, FenceDocuments.JOURNAL_COUNT) + more > Journal.MAX_IDS;
    }

    /** Makes journal {@code generation} incomplete, if it is still on, and frees its ids; no-op for {@code null}. */
    void markIncomplete(QueueRef ref, String generation) {
        if (generation != null) {
            markIncomplete(ref, generation, List.of());
        }
    }

    /**
     * Like {@link #markIncomplete(QueueRef, String)}, applying {@code alongside} to the fence document in the same
     * update; returns whether it did (the journal was still {@code generation}).
     */
    boolean markIncomplete(QueueRef ref, String generation, List<Bson> alongside) {
        List<Bson> updates = new ArrayList<>(alongside);
        updates.add(set(FenceDocuments.JOURNAL_COMPLETE, false));
        if (fences.updateOne(FenceDocuments.withJournal(ref, generation), combine(updates)).getMatchedCount() == 0) {
            return false;
        }
        journals.deleteMany(JournalDocuments.ofJournal(ref, generation));
        return true;
    }

    /**
     * The journal so far. Ids are read between two reads of the fence document: a generation's ids are only
     * freed after it stopped being the complete journal, so if it still is afterwards, none went missing.
     */
    Journal read(QueueRef ref) {
        String generation = FenceDocuments.completeJournalOf(journalState(ref));
        if (generation == null) {
            return Journal.INCOMPLETE;
        }
        Set<String> ids = new HashSet<>();
        for (Document entry : journals.find(JournalDocuments.ofJournal(ref, generation))
                .projection(include(JournalDocuments.ID))) {
            ids.add(entry.getString(JournalDocuments.ID));
        }
        return generation.equals(FenceDocuments.completeJournalOf(journalState(ref))) ? Journal.of(ids)
                : Journal.INCOMPLETE;
    }

    /** Turns the journal off and frees its ids. */
    void stop(QueueRef ref) {
        Document before = fences.findOneAndUpdate(FenceDocuments.byRef(ref), combine(unset(FenceDocuments.JOURNAL),
                        unset(FenceDocuments.JOURNAL_COMPLETE), unset(FenceDocuments.JOURNAL_COUNT)),
                new FindOneAndUpdateOptions().projection(include(FenceDocuments.JOURNAL)));
        String generation = FenceDocuments.journalOf(before);
        if (generation != null) {
            journals.deleteMany(JournalDocuments.ofJournal(ref, generation));
        }
    }

    /** Frees the ids of every journal of the queue, for a drop that already turned its journal off. */
    void forget(QueueRef ref) {
        journals.deleteMany(JournalDocuments.ofQueue(ref));
    }

    private Document journalState(QueueRef ref) {
        return fences.find(FenceDocuments.byRef(ref))
                .projection(include(FenceDocuments.JOURNAL, FenceDocuments.JOURNAL_COMPLETE)).first();
    }

    /** Upserts one document per id; returns how many were new (an id already there, even raced for, is not). */
    private int add(QueueRef ref, String generation, Set<String> ids) {
        List<WriteModel<Document>> upserts = new ArrayList<>(ids.size());
        for (String id : ids) {
            upserts.add(new UpdateOneModel<>(JournalDocuments.byId(generation, id), combine(
                    setOnInsert(JournalDocuments.PROJECT, ref.project()), setOnInsert(JournalDocuments.QUEUE, ref.queue()),
                    setOnInsert(JournalDocuments.GENERATION, generation), setOnInsert(JournalDocuments.ID, id)), UPSERT));
        }
        try {
            return journals.bulkWrite(upserts, new BulkWriteOptions().ordered(false)).getUpserts().size();
        } catch (MongoBulkWriteException e) {
            if (!e.getWriteErrors().stream().allMatch(error -> error.getCategory() == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            return e.getWriteResult().getUpserts().size();
        }
    }
}
