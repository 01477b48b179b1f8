package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Sorts.descending;
import static com.mongodb.client.model.Updates.set;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStats;
import io.shardq.partition.storage.QueueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Queues in the {@code queues} collection; metadata is stored as JSON text, so any key is allowed. */
final class MongoQueueStore implements QueueStore {

    /** Plain Jackson defaults, so numbers read back as the node types they were built with ({@code IntNode}...). */
    private static final ObjectMapper METADATA_JSON = new ObjectMapper();

    private final MongoCollections collections;
    private final MongoCalls calls;
    private final Clock clock;

    MongoQueueStore(MongoCollections collections, MongoCalls calls, Clock clock) {
        this.collections = collections;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Boolean> create(QueueRef ref, ObjectNode metadata) {
        requireNonNull(ref, "ref");
        String json = write(metadata);
        return calls.call(() -> QueueDocuments.insert(collections.queues(), ref, json, clock.millis()));
    }

    @Override
    public CompletionStage<Optional<ObjectNode>> metadata(QueueRef ref) {
        requireNonNull(ref, "ref");
        return calls.call(() -> Optional.ofNullable(collections.queues().find(QueueDocuments.byRef(ref))
                .projection(include(QueueDocuments.METADATA)).first()).map(MongoQueueStore::metadataOf));
    }

    @Override
    public CompletionStage<Void> replaceMetadata(QueueRef ref, ObjectNode metadata) {
        requireNonNull(ref, "ref");
        String json = write(metadata);
        return calls.run(() -> {
            if (collections.queues().updateOne(QueueDocuments.byRef(ref), set(QueueDocuments.METADATA, json))
                    .getMatchedCount() == 0) {
                throw new QueueNotFoundException(ref);
            }
        });
    }

    /** Deletes the queue document first, so a concurrent post re-creates a fresh incarnation, then its data. */
    @Override
    public CompletionStage<Boolean> delete(QueueRef ref) {
        requireNonNull(ref, "ref");
        return calls.call(() -> {
            boolean existed = collections.queues().deleteOne(QueueDocuments.byRef(ref)).getDeletedCount() > 0;
            collections.messages().deleteMany(MessageDocuments.ofQueue(ref));
            collections.claims().deleteMany(ClaimDocuments.ofQueue(ref));
            return existed;
        });
    }

    @Override
    public CompletionStage<QueuePage> list(String project, String marker, int limit, boolean detailed) {
        requireNonNull(project, "project");
        Bson filter = marker == null ? eq(QueueDocuments.PROJECT, project)
                : and(eq(QueueDocuments.PROJECT, project), gt(QueueDocuments.NAME, marker));
        return calls.call(() -> {
            List<QueuePage.Entry> entries = new ArrayList<>(limit);
            for (Document queue : collections.queues().find(filter)
                    .projection(include(QueueDocuments.NAME, QueueDocuments.METADATA))
                    .sort(ascending(QueueDocuments.NAME)).limit(limit)) {
                entries.add(new QueuePage.Entry(queue.getString(QueueDocuments.NAME),
                        detailed ? metadataOf(queue) : null));
            }
            return new QueuePage(entries);
        });
    }

    @Override
    public CompletionStage<Long> count(String project) {
        requireNonNull(project, "project");
        return calls.call(() -> collections.queues().countDocuments(eq(QueueDocuments.PROJECT, project)));
    }

    @Override
    public CompletionStage<QueueStats> stats(QueueRef ref) {
        requireNonNull(ref, "ref");
        return calls.call(() -> {
            QueueView view = QueueView.load(collections.queues(), ref);
            if (view == null) {
                return QueueStats.EMPTY;
            }
            long now = clock.millis();
            Bson live = view.live(ref, now);
            long total = collections.messages().countDocuments(live);
            if (total == 0) {
                return QueueStats.EMPTY;
            }
            long claimed = collections.messages().countDocuments(and(live, gt(MessageDocuments.CLAIM_EXPIRES, now)));
            Message oldest = first(live, ascending(MessageDocuments.POSITION));
            Message newest = first(live, descending(MessageDocuments.POSITION));
            if (oldest == null || newest == null) {
                return QueueStats.EMPTY;
            }
            return new QueueStats(Math.min(claimed, total), Math.max(0, total - claimed), oldest, newest);
        });
    }

    private Message first(Bson filter, Bson sort) {
        Document document = collections.messages().find(filter).sort(sort).first();
        return document == null ? null : MessageDocuments.toMessage(document);
    }

    /** Metadata as the JSON text stored in {@code m}. */
    static String write(ObjectNode metadata) {
        try {
            return METADATA_JSON.writeValueAsString(metadata == null ? METADATA_JSON.createObjectNode() : metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
    }

    /** The metadata of a queue document read with {@code m}. */
    static ObjectNode metadataOf(Document queue) {
        String json = queue.getString(QueueDocuments.METADATA);
        try {
            return json == null ? METADATA_JSON.createObjectNode() : (ObjectNode) METADATA_JSON.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("stored metadata is not a JSON object: " + json, e);
        }
    }
}
