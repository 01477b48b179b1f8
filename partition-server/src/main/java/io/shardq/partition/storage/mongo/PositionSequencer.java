package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.pullByFilter;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.pushEach;
import static com.mongodb.client.model.Updates.set;
import static io.shardq.partition.storage.mongo.MessageDocuments.longOf;
import static io.shardq.partition.storage.mongo.QueueDocuments.ABORTED;
import static io.shardq.partition.storage.mongo.QueueDocuments.ABORTED_STATE;
import static io.shardq.partition.storage.mongo.QueueDocuments.COMMITTED;
import static io.shardq.partition.storage.mongo.QueueDocuments.COUNTER;
import static io.shardq.partition.storage.mongo.QueueDocuments.ENTRY_BATCH;
import static io.shardq.partition.storage.mongo.QueueDocuments.ENTRY_COUNT;
import static io.shardq.partition.storage.mongo.QueueDocuments.ENTRY_STATE;
import static io.shardq.partition.storage.mongo.QueueDocuments.ENTRY_TIME;
import static io.shardq.partition.storage.mongo.QueueDocuments.PENDING;
import static io.shardq.partition.storage.mongo.QueueDocuments.RESERVED;
import static io.shardq.partition.storage.mongo.QueueDocuments.VISIBLE;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives batches consecutive positions and makes them visible in position order, without transactions,
 * for any number of nodes sharing one MongoDB. All state lives in the queue document (single-document
 * updates are atomic):
 *
 * <ol>
 *   <li>reserve: {@code $inc c} by the batch size and {@code $push} a {@code reserved} entry onto {@code pd}
 *       in one update, so {@code pd} is in reservation (= position) order;</li>
 *   <li>the poster inserts its messages (invisible: their positions are above {@code v});</li>
 *   <li>resolve: the entry flips {@code reserved → committed} (poster) or {@code reserved → aborted}
 *       (poster on failure, or anyone once it has been reserved longer than the stall window). The flip is
 *       a compare-and-set, so a slow poster and an aborting helper cannot both win;</li>
 *   <li>advance: anyone pops the resolved entries at the head of {@code pd} and raises {@code v} past
 *       them (compare-and-set on {@code v}); aborted batch ids go to {@code ab}, and readers exclude
 *       messages of those batches forever, even ones a slow poster writes later.</li>
 * </ol>
 *
 * Readers only see positions {@code <= v}. Since {@code v} only passes a position once every lower one is
 * resolved, an observer paging by marker never skips a message that commits later at a lower position.
 */
final class PositionSequencer {

    private static final Logger logger = LoggerFactory.getLogger(PositionSequencer.class);

    /** Aborted batch ids are kept this long (longer than any message can live). */
    private static final Duration ABORTED_RETENTION = Duration.ofDays(15);
    private static final Duration VISIBILITY_WAIT_SLACK = Duration.ofSeconds(5);
    private static final long MAX_BACKOFF_MILLIS = 20;

    private final MongoCollection<Document> queues;
    private final Clock clock;
    private final Duration stallWindow;

    PositionSequencer(MongoCollection<Document> queues, Clock clock, Duration stallWindow) {
        this.queues = queues;
        this.clock = clock;
        this.stallWindow = stallWindow;
    }

    /** Positions {@code first..last} reserved by batch {@code batch} of generation {@code generation} of {@code ref}. */
    record Reservation(QueueRef ref, ObjectId generation, String batch, long first, long last) {
    }

    /** Reserves {@code count} consecutive positions at the tail of {@code ref}, creating the queue if missing. */
    Reservation reserve(QueueRef ref, int count) {
        String batch = UUID.randomUUID().toString();
        Document entry = new Document(ENTRY_BATCH, batch)
                .append(ENTRY_COUNT, count)
                .append(ENTRY_STATE, RESERVED)
                .append(ENTRY_TIME, clock.millis());
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions()
                .projection(include(COUNTER))
                .returnDocument(ReturnDocument.AFTER);
        for (int attempt = 0; attempt < 3; attempt++) {
            Document queue = queues.findOneAndUpdate(QueueDocuments.byRef(ref),
                    combine(inc(COUNTER, (long) count), push(PENDING, entry)), options);
            if (queue != null) {
                long last = longOf(queue, COUNTER);
                return new Reservation(ref, queue.getObjectId("_id"), batch, last - count + 1, last);
            }
            QueueDocuments.insert(queues, ref, "{}", clock.millis());
        }
        throw new IllegalStateException("queue " + ref + " vanished while reserving positions three times");
    }

    /**
     * Raises the counter of {@code ref} to {@code last} for an import that writes messages at their own
     * positions: reserves {@code c+1 .. last} as one batch (compare-and-set on {@code c}), which the importer
     * commits once written. {@code null} when the counter is already there (or the queue is gone): nothing to
     * reserve, the positions belong to batches already reserved.
     */
    Reservation reserveUpTo(QueueRef ref, long last) {
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions()
                .projection(include("_id"))
                .returnDocument(ReturnDocument.AFTER);
        while (true) {
            Document queue = queues.find(QueueDocuments.byRef(ref)).projection(include(COUNTER)).first();
            if (queue == null || longOf(queue, COUNTER) >= last) {
                return null;
            }
            long counter = longOf(queue, COUNTER);
            String batch = UUID.randomUUID().toString();
            Document entry = new Document(ENTRY_BATCH, batch)
                    .append(ENTRY_COUNT, last - counter)
                    .append(ENTRY_STATE, RESERVED)
                    .append(ENTRY_TIME, clock.millis());
            Document raised = queues.findOneAndUpdate(QueueDocuments.byRef(ref).append(COUNTER, counter),
                    combine(set(COUNTER, last), push(PENDING, entry)), options);
            if (raised != null) {
                return new Reservation(ref, raised.getObjectId("_id"), batch, counter + 1, last);
            }
        }
    }

    /** Marks the batch committed; {@code false} if it was aborted first (its messages must then be removed). */
    boolean commit(Reservation reservation) {
        return resolve(reservation, COMMITTED);
    }

    /** Marks the batch aborted, so that it never becomes visible; {@code false} if it was already resolved. */
    boolean abort(Reservation reservation) {
        return resolve(reservation, ABORTED_STATE);
    }

    private boolean resolve(Reservation reservation, int state) {
        // $and form: the embedded server resolves the positional operator only from it
        Bson ours = elemMatch(PENDING, and(eq(ENTRY_BATCH, reservation.batch()), eq(ENTRY_STATE, RESERVED)));
        return queues.updateOne(and(QueueDocuments.byRef(reservation.ref()), ours),
                set(PENDING + ".$." + ENTRY_STATE, state)).getModifiedCount() == 1;
    }

    /**
     * Advances the watermark until it covers the (committed) reservation, aborting batches at the head that
     * stalled. Returns early if the queue was deleted; gives up (the batch shows later) after the stall
     * window plus some slack, which only happens if the clock does not move.
     */
    void awaitVisible(Reservation reservation) throws InterruptedException {
        awaitVisible(reservation.ref(), reservation.last(), "batch " + reservation.batch());
    }

    /**
     * Advances the watermark of {@code ref} until it covers {@code last} (see {@link #awaitVisible(Reservation)});
     * {@code what} names the waiter in the log.
     */
    void awaitVisible(QueueRef ref, long last, String what) throws InterruptedException {
        long deadline = System.nanoTime() + stallWindow.plus(VISIBILITY_WAIT_SLACK).toNanos();
        long backoff = 1;
        while (true) {
            Document queue = queues.find(QueueDocuments.byRef(ref)).projection(include(VISIBLE, PENDING)).first();
            if (queue == null || longOf(queue, VISIBLE) >= last) {
                return;
            }
            if (advance(ref, queue) || abortStalledHead(ref, queue)) {
                continue;
            }
            if (System.nanoTime() > deadline) {
                logger.warn("{} of {} is still not visible after {}; giving up waiting", what, ref,
                        stallWindow.plus(VISIBILITY_WAIT_SLACK));
                return;
            }
            TimeUnit.MILLISECONDS.sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** Pops the resolved entries at the head of {@code pd}; {@code true} if there were any. */
    private boolean advance(QueueRef ref, Document queue) {
        long visible = longOf(queue, VISIBLE);
        long passed = 0;
        List<String> batches = new ArrayList<>();
        List<Document> aborted = new ArrayList<>();
        for (Document entry : queue.getList(PENDING, Document.class, List.of())) {
            int state = entry.getInteger(ENTRY_STATE, RESERVED);
            if (state == RESERVED) {
                break;
            }
            passed += longOf(entry, ENTRY_COUNT);
            batches.add(entry.getString(ENTRY_BATCH));
            if (state == ABORTED_STATE) {
                aborted.add(new Document(ENTRY_BATCH, entry.getString(ENTRY_BATCH)).append(ENTRY_TIME, clock.millis()));
            }
        }
        if (batches.isEmpty()) {
            return false;
        }
        List<Bson> updates = new ArrayList<>(List.of(set(VISIBLE, visible + passed),
                pull(PENDING, in(ENTRY_BATCH, batches))));
        if (!aborted.isEmpty()) {
            updates.add(pushEach(ABORTED, aborted));
        }
        boolean moved = queues.updateOne(QueueDocuments.byRef(ref).append(VISIBLE, visible), combine(updates))
                .getModifiedCount() == 1;
        if (moved && !aborted.isEmpty()) {
            forgetOldAborts(ref);
        }
        return true;
    }

    /** Aborts the head entry if its poster has held it longer than the stall window; {@code true} if it did. */
    private boolean abortStalledHead(QueueRef ref, Document queue) {
        List<Document> pending = queue.getList(PENDING, Document.class, List.of());
        if (pending.isEmpty()) {
            return false;
        }
        Document head = pending.get(0);
        long reservedAt = longOf(head, ENTRY_TIME);
        if (clock.millis() - reservedAt < stallWindow.toMillis()) {
            return false;
        }
        String batch = head.getString(ENTRY_BATCH);
        String headState = PENDING + ".0." + ENTRY_STATE;
        boolean aborted = queues.updateOne(QueueDocuments.byRef(ref).append(VISIBLE, longOf(queue, VISIBLE))
                        .append(PENDING + ".0." + ENTRY_BATCH, batch).append(headState, RESERVED),
                set(headState, ABORTED_STATE)).getModifiedCount() == 1;
        if (aborted) {
            logger.warn("aborted batch {} of {}: reserved {} ms ago and never committed", batch, ref,
                    clock.millis() - reservedAt);
        }
        return true;
    }

    private void forgetOldAborts(QueueRef ref) {
        long cutoff = clock.millis() - ABORTED_RETENTION.toMillis();
        queues.updateOne(QueueDocuments.byRef(ref), pullByFilter(new Document(ABORTED,
                new Document(ENTRY_TIME, new Document("$lt", cutoff)))));
    }
}
