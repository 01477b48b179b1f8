package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Indexes.ascending;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The collections of a partition and their indexes. Every query of queue data names {@code p} (project) and
 * {@code q}/{@code n} (queue) first, so each index starts with them. Layouts: {@link QueueDocuments},
 * {@link MessageDocuments}, {@link ClaimDocuments}, and {@link FenceDocuments} for the per-queue fences with
 * {@link JournalDocuments} for the ids their change journals recorded.
 */
final class MongoCollections {

    static final String QUEUES = "queues";
    static final String MESSAGES = "messages";
    static final String CLAIMS = "claims";
    static final String FENCES = "fences";
    static final String JOURNALS = "journals";

    /** Date field the TTL index watches: expiry plus the configured margin. */
    static final String GC_AT = "gc";

    private final MongoCollection<Document> queues;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> claims;
    private final MongoCollection<Document> fences;
    private final MongoCollection<Document> journals;
    private final Duration ttlIndexMargin;

    MongoCollections(MongoDatabase database, Duration ttlIndexMargin) {
        this.queues = database.getCollection(QUEUES);
        this.messages = database.getCollection(MESSAGES);
        this.claims = database.getCollection(CLAIMS);
        this.fences = database.getCollection(FENCES);
        this.journals = database.getCollection(JOURNALS);
        this.ttlIndexMargin = ttlIndexMargin;
    }

    /** Creates the indexes if missing (idempotent; run once at start). */
    void ensureIndexes() {
        IndexOptions unique = new IndexOptions().unique(true);
        queues.createIndex(ascending(QueueDocuments.PROJECT, QueueDocuments.NAME), unique);
        messages.createIndex(ascending(MessageDocuments.PROJECT, MessageDocuments.QUEUE, MessageDocuments.POSITION),
                unique);
        messages.createIndex(ascending(MessageDocuments.PROJECT, MessageDocuments.QUEUE, MessageDocuments.ID), unique);
        messages.createIndex(ascending(MessageDocuments.PROJECT, MessageDocuments.QUEUE, MessageDocuments.CLAIM_ID));
        messages.createIndex(ascending(MessageDocuments.BATCH));
        claims.createIndex(ascending(ClaimDocuments.PROJECT, ClaimDocuments.QUEUE, ClaimDocuments.ID), unique);
        // unique anyway (it starts with _id); it lets the embedded server answer a write's fence check
        // ({_id, f: "active"}) from an index: it only uses unique indexes, and only for exactly their keys
        fences.createIndex(ascending("_id", FenceDocuments.FENCE), unique);
        journals.createIndex(ascending(JournalDocuments.PROJECT, JournalDocuments.QUEUE, JournalDocuments.GENERATION));
        if (ttlIndexMargin != null) {
            IndexOptions ttl = new IndexOptions().expireAfter(0L, TimeUnit.SECONDS);
            messages.createIndex(ascending(GC_AT), ttl);
            claims.createIndex(ascending(GC_AT), ttl);
        }
    }

    MongoCollection<Document> queues() {
        return queues;
    }

    MongoCollection<Document> messages() {
        return messages;
    }

    MongoCollection<Document> claims() {
        return claims;
    }

    MongoCollection<Document> fences() {
        return fences;
    }

    MongoCollection<Document> journals() {
        return journals;
    }

    /** The value of {@link #GC_AT} for something expiring at {@code expiresMillis}, or {@code null} without a TTL index. */
    Date gcAt(long expiresMillis) {
        return ttlIndexMargin == null ? null : new Date(expiresMillis + ttlIndexMargin.toMillis());
    }
}
