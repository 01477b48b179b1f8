package io.shardq.partition.storage.mongo;

import static io.shardq.partition.storage.mongo.MessageDocuments.intOf;
import static io.shardq.partition.storage.mongo.MessageDocuments.longOf;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueRef;
import java.util.List;
import org.bson.Document;

/**
 * Layout of a document of the {@code claims} collection. Which messages a claim holds is stored on the
 * messages themselves ({@code ci}, {@code ce}); this document carries the claim's own settings:
 *
 * <pre>
 * { _id: ObjectId, p: project, q: queue, i: claim id (UUID string), t: ttl s, g: grace s,
 *   c: created or last renewed ms (age), e: expires ms, gc: Date (TTL-index backstop) }
 * </pre>
 */
final class ClaimDocuments {

    static final String PROJECT = "p";
    static final String QUEUE = "q";
    static final String ID = "i";
    static final String TTL = "t";
    static final String GRACE = "g";
    static final String CREATED = "c";
    static final String EXPIRES = "e";

    private ClaimDocuments() {
    }

    static Document ofQueue(QueueRef ref) {
        return new Document(PROJECT, ref.project()).append(QUEUE, ref.queue());
    }

    /** A fresh flat filter (the embedded server then uses the unique index); callers may append. */
    static Document byId(QueueRef ref, String id) {
        return ofQueue(ref).append(ID, id);
    }

    /** {@link #byId} restricted to a claim still active at {@code nowMillis}. */
    static Document activeById(QueueRef ref, String id, long nowMillis) {
        return byId(ref, id).append(EXPIRES, new Document("$gt", nowMillis));
    }

    static Document of(QueueRef ref, String id, int ttl, int grace, long createdMillis, long expiresMillis) {
        return new Document(PROJECT, ref.project())
                .append(QUEUE, ref.queue())
                .append(ID, id)
                .append(TTL, ttl)
                .append(GRACE, grace)
                .append(CREATED, createdMillis)
                .append(EXPIRES, expiresMillis);
    }

    static Claim toClaim(Document document, List<Message> messages) {
        return new Claim(document.getString(ID), intOf(document, TTL), intOf(document, GRACE),
                longOf(document, CREATED), longOf(document, EXPIRES), messages);
    }
}
