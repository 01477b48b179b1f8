package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.ascending;
import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Messages in the {@code messages} collection. Reads go through the queue's {@link QueueView} (strict
 * FIFO) and filter expiry with the injected clock; every write that depends on a message's state is a
 * conditional single-document update, so concurrent nodes never act on a message twice.
 */
final class MongoMessageStore implements MessageStore {

    private final MongoCollections collections;
    private final MongoCalls calls;
    private final BatchAppender appender;
    private final DeletePermission permission;
    private final Clock clock;

    MongoMessageStore(MongoCollections collections, MongoCalls calls, BatchAppender appender, Clock clock) {
        this.collections = collections;
        this.calls = calls;
        this.appender = appender;
        this.permission = new DeletePermission(collections);
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<String>> post(QueueRef ref, List<NewMessage> messages, String clientId) {
        requireNonNull(ref, "ref");
        List<NewMessage> batch = List.copyOf(messages);
        List<String> ids = batch.stream().map(m -> UUID.randomUUID().toString()).toList();
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(ids);
        }
        return calls.call(() -> {
            long now = clock.millis();
            boolean appended = appender.append(ref, batch.size(), (index, position, batchId) -> {
                NewMessage message = batch.get(index);
                Document document = MessageDocuments.of(ref, ids.get(index), position, message, clientId, batchId, now);
                document.append(MongoCollections.GC_AT, collections.gcAt(now + message.ttlSeconds() * 1000L));
                return document;
            });
            if (!appended) {
                throw new StorageUnavailableException("No messages could be enqueued: a new id collided", null);
            }
            return ids;
        });
    }

    @Override
    public CompletionStage<MessagePage> list(QueueRef ref, MessageQuery query) {
        requireNonNull(ref, "ref");
        requireNonNull(query, "query");
        return calls.call(() -> {
            QueueView view = QueueView.load(collections.queues(), ref);
            if (view == null) {
                return MessagePage.empty(query.afterPosition());
            }
            List<Message> page = find(filterOf(view, ref, query, clock.millis()), query.limit());
            return page.isEmpty() ? MessagePage.empty(query.afterPosition())
                    : new MessagePage(page, page.get(page.size() - 1).position());
        });
    }

    @Override
    public CompletionStage<Optional<Message>> get(QueueRef ref, String id) {
        requireNonNull(id, "id");
        return get(ref, List.of(id)).thenApply(found -> found.stream().findFirst());
    }

    @Override
    public CompletionStage<List<Message>> get(QueueRef ref, List<String> ids) {
        requireNonNull(ref, "ref");
        List<String> wanted = List.copyOf(ids);
        return calls.call(() -> {
            QueueView view = QueueView.load(collections.queues(), ref);
            if (view == null || wanted.isEmpty()) {
                return List.of();
            }
            return find(and(view.live(ref, clock.millis()), in(MessageDocuments.ID, wanted)), 0);
        });
    }

    @Override
    public CompletionStage<Void> delete(QueueRef ref, String id, String claimId) {
        requireNonNull(ref, "ref");
        requireNonNull(id, "id");
        return calls.run(() -> {
            for (int attempt = 0; attempt < 5; attempt++) {
                long now = clock.millis();
                Document found = collections.messages().find(MessageDocuments.byId(ref, id)
                        .append(MessageDocuments.EXPIRES, new Document("$gt", now))).first();
                if (found == null) {
                    return;
                }
                Message message = MessageDocuments.toMessage(found);
                permission.check(ref, message, claimId, now);
                if (collections.messages().deleteOne(and(MessageDocuments.byDocumentId(found),
                        permission.stillAllows(claimId, now))).getDeletedCount() == 1) {
                    return;
                }
            }
            throw new StorageUnavailableException("Message " + id + " kept changing while being deleted", null);
        });
    }

    @Override
    public CompletionStage<Void> delete(QueueRef ref, List<String> ids) {
        requireNonNull(ref, "ref");
        List<String> doomed = List.copyOf(ids);
        return calls.run(() -> {
            if (!doomed.isEmpty()) {
                collections.messages().deleteMany(and(MessageDocuments.ofQueue(ref), in(MessageDocuments.ID, doomed)));
            }
        });
    }

    @Override
    public CompletionStage<List<Message>> pop(QueueRef ref, int limit) {
        requireNonNull(ref, "ref");
        return calls.call(() -> {
            QueueView view = QueueView.load(collections.queues(), ref);
            List<Message> popped = new ArrayList<>();
            if (view == null) {
                return popped;
            }
            long now = clock.millis();
            AvailableMessages.walk(collections.messages(), view.available(ref, now), limit, candidate -> {
                Document taken = collections.messages().findOneAndDelete(MessageDocuments.byDocumentId(candidate)
                        .append(MessageDocuments.CLAIM_EXPIRES, new Document("$lte", now))
                        .append(MessageDocuments.EXPIRES, new Document("$gt", now)));
                return taken != null && popped.add(MessageDocuments.toMessage(taken));
            });
            return popped;
        });
    }

    @Override
    public CompletionStage<Void> purge(QueueRef ref) {
        requireNonNull(ref, "ref");
        return calls.run(() -> {
            collections.messages().deleteMany(MessageDocuments.ofQueue(ref));
            collections.claims().deleteMany(ClaimDocuments.ofQueue(ref));
        });
    }

    private List<Message> find(Bson filter, int limit) {
        List<Message> found = new ArrayList<>();
        for (Document document : collections.messages().find(filter)
                .sort(ascending(MessageDocuments.POSITION)).limit(limit)) {
            found.add(MessageDocuments.toMessage(document));
        }
        return found;
    }

    private static Bson filterOf(QueueView view, QueueRef ref, MessageQuery query, long now) {
        List<Bson> filters = new ArrayList<>(List.of(view.live(ref, now),
                gt(MessageDocuments.POSITION, query.afterPosition())));
        if (!query.echo() && query.clientId() != null) {
            filters.add(ne(MessageDocuments.CLIENT_ID, query.clientId()));
        }
        if (!query.includeClaimed()) {
            filters.add(lte(MessageDocuments.CLAIM_EXPIRES, now));
        }
        if (!query.includeDelayed()) {
            filters.add(lte(MessageDocuments.DELAY_EXPIRES, now));
        }
        return and(filters);
    }
}
