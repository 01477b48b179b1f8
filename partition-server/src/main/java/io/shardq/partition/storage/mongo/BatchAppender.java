package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lte;

import com.mongodb.MongoException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends a batch of message documents at the tail of a queue: reserve positions, insert, commit, wait
 * until visible (see {@link PositionSequencer}). If a helper aborted the batch before it committed
 * (the poster looked stalled), the written documents are removed and the batch is appended again.
 */
final class BatchAppender {

    private static final Logger logger = LoggerFactory.getLogger(BatchAppender.class);
    private static final int MAX_ATTEMPTS = 5;

    private final MongoCollections collections;
    private final PositionSequencer sequencer;

    BatchAppender(MongoCollections collections, PositionSequencer sequencer) {
        this.collections = collections;
        this.sequencer = sequencer;
    }

    /** Builds the document of the {@code index}-th message of a batch, at {@code position}, written by {@code batch}. */
    @FunctionalInterface
    interface DocumentFactory {
        Document create(int index, long position, String batch);
    }

    /**
     * Appends {@code count} documents as one batch and returns once they are visible.
     *
     * @return {@code false} if a message id already exists in the queue (nothing was appended)
     */
    boolean append(QueueRef ref, int count, DocumentFactory factory) throws InterruptedException {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            PositionSequencer.Reservation reservation = sequencer.reserve(ref, count);
            List<Document> documents = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                documents.add(factory.create(i, reservation.first() + i, reservation.batch())
                        .append(MessageDocuments.GENERATION, reservation.generation()));
            }
            if (!insert(reservation, documents)) {
                return false;
            }
            if (sequencer.commit(reservation)) {
                sequencer.awaitVisible(reservation);
                return true;
            }
            logger.warn("batch {} of {} was aborted before it committed; appending again", reservation.batch(), ref);
            collections.messages().deleteMany(eq(MessageDocuments.BATCH, reservation.batch()));
        }
        throw new StorageUnavailableException("No messages could be enqueued to " + ref + " after " + MAX_ATTEMPTS
                + " attempts", null);
    }

    /**
     * Inserts the documents of a reserved batch. A stale document in the reserved range (left by a crashed
     * poster of an earlier incarnation of the queue) is invisible, so it is removed and the insert retried.
     */
    private boolean insert(PositionSequencer.Reservation reservation, List<Document> documents) {
        try {
            collections.messages().insertMany(documents);
            return true;
        } catch (MongoException e) {
            if (!DuplicateKeys.isDuplicateKey(e)) {
                discard(reservation);
                throw e;
            }
        }
        collections.messages().deleteMany(range(reservation));
        try {
            collections.messages().insertMany(documents);
            return true;
        } catch (MongoException e) {
            discard(reservation);
            if (DuplicateKeys.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Best effort: removes what the batch wrote and aborts it, so that later batches need not wait for it. */
    private void discard(PositionSequencer.Reservation reservation) {
        try {
            collections.messages().deleteMany(eq(MessageDocuments.BATCH, reservation.batch()));
            sequencer.abort(reservation);
        } catch (MongoException e) {
            logger.warn("could not discard batch {} of {}; it will be aborted after the stall window",
                    reservation.batch(), reservation.ref(), e);
        }
    }

    private static Bson range(PositionSequencer.Reservation reservation) {
        return and(MessageDocuments.ofQueue(reservation.ref()),
                gte(MessageDocuments.POSITION, reservation.first()),
                lte(MessageDocuments.POSITION, reservation.last()));
    }
}
