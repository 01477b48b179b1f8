package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Projections.include;
import static io.shardq.partition.storage.mongo.MessageDocuments.longOf;

import com.mongodb.client.MongoCollection;
import io.shardq.partition.storage.QueueRef;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * What readers of a queue may see: messages of the queue's current generation at positions up to
 * {@code visible}, except those written by aborted batches. Every read of messages starts by loading this from the queue document, so an observer never
 * sees a position while a lower one may still appear (strict FIFO, see {@link PositionSequencer}).
 */
record QueueView(ObjectId generation, long visible, List<String> abortedBatches) {

    /** The view of {@code ref}, or {@code null} if the queue does not exist. */
    static QueueView load(MongoCollection<Document> queues, QueueRef ref) {
        Document queue = queues.find(QueueDocuments.byRef(ref))
                .projection(include(QueueDocuments.VISIBLE, QueueDocuments.ABORTED))
                .first();
        return queue == null ? null : of(queue);
    }

    /** The view of a queue document read with at least {@code _id}, {@code v} and {@code ab}. */
    static QueueView of(Document queue) {
        List<String> aborted = new ArrayList<>();
        for (Document entry : queue.getList(QueueDocuments.ABORTED, Document.class, List.of())) {
            aborted.add(entry.getString(QueueDocuments.ENTRY_BATCH));
        }
        return new QueueView(queue.getObjectId("_id"), longOf(queue, QueueDocuments.VISIBLE), aborted);
    }

    /** Messages of {@code ref} that readers may see (whatever their expiry or claim). */
    Bson messages(QueueRef ref) {
        List<Bson> filters = new ArrayList<>(List.of(
                eq(MessageDocuments.PROJECT, ref.project()),
                eq(MessageDocuments.QUEUE, ref.queue()),
                eq(MessageDocuments.GENERATION, generation),
                lte(MessageDocuments.POSITION, visible)));
        if (!abortedBatches.isEmpty()) {
            filters.add(nin(MessageDocuments.BATCH, abortedBatches));
        }
        return and(filters);
    }

    /** Like {@link #messages(QueueRef)}, also excluding expired ones at {@code nowMillis}. */
    Bson live(QueueRef ref, long nowMillis) {
        return and(messages(ref), gt(MessageDocuments.EXPIRES, nowMillis));
    }

    /** Like {@link #live(QueueRef, long)}, also excluding claimed and delayed ones: what a claim or pop may take. */
    Bson available(QueueRef ref, long nowMillis) {
        return and(live(ref, nowMillis),
                lte(MessageDocuments.CLAIM_EXPIRES, nowMillis),
                lte(MessageDocuments.DELAY_EXPIRES, nowMillis));
    }
}
