package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;
import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.StatePage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Raw export and import with MongoDB. An export page is a few reads (queue document, one page of messages,
 * the active claims), so unlike Redis it is not one snapshot: a claim made between the reads may show on
 * the claims but not on the messages of the page, which the migration's delta (states, tail export) then
 * reconciles. Reads see what clients see (the visibility watermark, the current generation). Imports go
 * through {@link ImportWriter}. No operation here looks at the fence.
 */
final class MongoQueueTransfer implements QueueTransfer {

    /** Fields a {@link MessageState} needs: no body. */
    private static final Bson STATE_FIELDS = include(MessageDocuments.ID, MessageDocuments.POSITION,
            MessageDocuments.TTL, MessageDocuments.EXPIRES, MessageDocuments.CLAIM_ID, MessageDocuments.CLAIM_EXPIRES,
            MessageDocuments.CLAIM_COUNT);

    private final MongoCollections collections;
    private final ChangeJournals journals;
    private final MongoCalls calls;
    private final ImportWriter writer;
    private final Clock clock;

    MongoQueueTransfer(MongoCollections collections, ChangeJournals journals, MongoCalls calls, ImportWriter writer,
                       Clock clock) {
        this.collections = collections;
        this.journals = journals;
        this.calls = calls;
        this.writer = writer;
        this.clock = clock;
    }

    @Override
    public CompletionStage<ExportPage> export(QueueRef ref, long afterPosition, int limit) {
        requireNonNull(ref, "ref");
        return calls.call(() -> {
            long now = clock.millis();
            Document queue = collections.queues().find(QueueDocuments.byRef(ref)).first();
            if (queue == null) {
                throw new QueueNotFoundException(ref);
            }
            Page<Message> page = page(QueueView.of(queue), ref, afterPosition, limit, now, null,
                    MessageDocuments::toMessage);
            return new ExportPage(MongoQueueStore.metadataOf(queue),
                    MessageDocuments.longOf(queue, QueueDocuments.COUNTER), page.items(), activeClaims(ref, now),
                    page.cursor(), page.done());
        });
    }

    @Override
    public CompletionStage<Void> importPage(QueueRef ref, ExportPage page) {
        requireNonNull(ref, "ref");
        requireNonNull(page, "page");
        return calls.run(() -> writer.importPage(ref, page));
    }

    @Override
    public CompletionStage<StatePage> states(QueueRef ref, long afterPosition, int limit) {
        requireNonNull(ref, "ref");
        return calls.call(() -> {
            QueueView view = QueueView.load(collections.queues(), ref);
            if (view == null) {
                return new StatePage(List.of(), afterPosition, true);
            }
            Page<MessageState> page = page(view, ref, afterPosition, limit, clock.millis(), STATE_FIELDS,
                    document -> MessageState.of(MessageDocuments.toMessage(document)));
            return new StatePage(page.items(), page.cursor(), page.done());
        });
    }

    @Override
    public CompletionStage<Void> applyStates(QueueRef ref, List<MessageState> states) {
        requireNonNull(ref, "ref");
        List<MessageState> copy = List.copyOf(states);
        return copy.isEmpty() ? CompletableFuture.completedFuture(null)
                : calls.run(() -> writer.applyStates(ref, copy));
    }

    @Override
    public CompletionStage<Void> deleteMessages(QueueRef ref, List<String> ids) {
        requireNonNull(ref, "ref");
        List<String> doomed = List.copyOf(ids);
        return doomed.isEmpty() ? CompletableFuture.completedFuture(null) : calls.run(() ->
                collections.messages().deleteMany(and(MessageDocuments.ofQueue(ref), in(MessageDocuments.ID, doomed))));
    }

    /**
     * Deletes the queue document first (as a queue delete does, so a late poster starts a new generation),
     * then its messages and claims, and the fence last: until the data is gone, the fence keeps answering.
     * With {@code keepFence} the fence and write leases stay as they were; the change journal goes either way.
     */
    @Override
    public CompletionStage<Void> drop(QueueRef ref, boolean keepFence) {
        requireNonNull(ref, "ref");
        return calls.run(() -> {
            collections.queues().deleteOne(QueueDocuments.byRef(ref));
            collections.messages().deleteMany(MessageDocuments.ofQueue(ref));
            collections.claims().deleteMany(ClaimDocuments.ofQueue(ref));
            if (keepFence) {
                journals.stop(ref);
            } else {
                collections.fences().deleteOne(FenceDocuments.byRef(ref));
            }
            journals.forget(ref);
        });
    }

    /** One query on {@code queues}, sorted by (project, name): MongoDB's binary string order is QueueRef order. */
    @Override
    public CompletionStage<List<QueueRef>> queues(QueueRef after, int limit) {
        Bson filter = after == null ? new Document()
                : or(gt(QueueDocuments.PROJECT, after.project()),
                        and(eq(QueueDocuments.PROJECT, after.project()), gt(QueueDocuments.NAME, after.queue())));
        return calls.call(() -> {
            List<QueueRef> refs = new ArrayList<>(Math.min(limit, 1_000));
            for (Document queue : collections.queues().find(filter)
                    .projection(include(QueueDocuments.PROJECT, QueueDocuments.NAME))
                    .sort(ascending(QueueDocuments.PROJECT, QueueDocuments.NAME)).limit(limit)) {
                refs.add(QueueRef.of(queue.getString(QueueDocuments.PROJECT), queue.getString(QueueDocuments.NAME)));
            }
            return refs;
        });
    }

    /**
     * Up to {@code limit} unexpired visible messages after {@code afterPosition}, mapped; reads one more to
     * tell whether another follows. The cursor is the last position returned ({@code afterPosition} if none).
     */
    private <T> Page<T> page(QueueView view, QueueRef ref, long afterPosition, int limit, long now, Bson projection,
                             Function<Document, T> mapper) {
        List<T> items = new ArrayList<>(Math.min(limit, 1_000));
        long cursor = afterPosition;
        boolean more = false;
        for (Document document : collections.messages()
                .find(and(view.live(ref, now), gt(MessageDocuments.POSITION, afterPosition)))
                .projection(projection).sort(ascending(MessageDocuments.POSITION))
                .limit((int) Math.min(limit + 1L, Integer.MAX_VALUE))) {
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(mapper.apply(document));
            cursor = MessageDocuments.longOf(document, MessageDocuments.POSITION);
        }
        return new Page<>(items, cursor, !more);
    }

    /** Every claim of {@code ref} active at {@code now}, by id, without messages. */
    private List<Claim> activeClaims(QueueRef ref, long now) {
        List<Claim> claims = new ArrayList<>();
        for (Document claim : collections.claims()
                .find(ClaimDocuments.ofQueue(ref).append(ClaimDocuments.EXPIRES, new Document("$gt", now)))
                .sort(ascending(ClaimDocuments.ID))) {
            claims.add(ClaimDocuments.toClaim(claim, List.of()));
        }
        return claims;
    }

    private record Page<T>(List<T> items, long cursor, boolean done) {
    }
}
