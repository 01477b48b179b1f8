package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import org.bson.Document;

/**
 * Layout of a document of the {@code messages} collection (short names, as Zaqar's driver uses):
 *
 * <pre>
 * { _id: ObjectId, p: project, q: queue, i: id (UUID string), k: position (long), b: body (JSON text),
 *   t: ttl s, c: created ms, e: expires ms, d: delay expires ms, u: client id,
 *   ci: claim id | null, ce: claim expires ms (0 never claimed), cc: claim count,
 *   x: batch id (which post wrote it), g: generation (the queue document's _id when written),
 *   gc: Date (TTL-index backstop) }
 * </pre>
 */
final class MessageDocuments {

    static final String PROJECT = "p";
    static final String QUEUE = "q";
    static final String ID = "i";
    static final String POSITION = "k";
    static final String BODY = "b";
    static final String TTL = "t";
    static final String CREATED = "c";
    static final String EXPIRES = "e";
    static final String DELAY_EXPIRES = "d";
    static final String CLIENT_ID = "u";
    static final String CLAIM_ID = "ci";
    static final String CLAIM_EXPIRES = "ce";
    static final String CLAIM_COUNT = "cc";
    static final String BATCH = "x";
    static final String GENERATION = "g";

    private MessageDocuments() {
    }

    /** A fresh flat filter for every message document of {@code ref}, visible or not; callers may append. */
    static Document ofQueue(QueueRef ref) {
        return new Document(PROJECT, ref.project()).append(QUEUE, ref.queue());
    }

    /**
     * A fresh flat filter for the message {@code id} of {@code ref}. Flat (not {@code $and}) so that the
     * embedded server uses the unique (p, q, i) index.
     */
    static Document byId(QueueRef ref, String id) {
        return ofQueue(ref).append(ID, id);
    }

    /** A fresh flat filter for the document {@code _id}; callers may append conditions. */
    static Document byDocumentId(Document document) {
        return new Document("_id", document.get("_id"));
    }

    /** A new message's document; the caller adds {@link MongoCollections#GC_AT}. */
    static Document of(QueueRef ref, String id, long position, NewMessage message, String clientId, String batch,
                       long nowMillis) {
        return new Document(PROJECT, ref.project())
                .append(QUEUE, ref.queue())
                .append(ID, id)
                .append(POSITION, position)
                .append(BODY, message.body())
                .append(TTL, message.ttlSeconds())
                .append(CREATED, nowMillis)
                .append(EXPIRES, nowMillis + message.ttlSeconds() * 1000L)
                .append(DELAY_EXPIRES, nowMillis + message.delaySeconds() * 1000L)
                .append(CLIENT_ID, clientId)
                .append(CLAIM_ID, null)
                .append(CLAIM_EXPIRES, 0L)
                .append(CLAIM_COUNT, 0)
                .append(BATCH, batch);
    }

    /** A stored message's document at another place: {@code ref} at {@code position}, written by {@code batch}. */
    static Document of(QueueRef ref, Message message, long position, String batch) {
        return new Document(PROJECT, ref.project())
                .append(QUEUE, ref.queue())
                .append(ID, message.id())
                .append(POSITION, position)
                .append(BODY, message.body())
                .append(TTL, message.ttl())
                .append(CREATED, message.createdMillis())
                .append(EXPIRES, message.expiresMillis())
                .append(DELAY_EXPIRES, message.delayExpiresMillis())
                .append(CLIENT_ID, message.clientId())
                .append(CLAIM_ID, message.claimId())
                .append(CLAIM_EXPIRES, message.claimExpiresMillis())
                .append(CLAIM_COUNT, message.claimCount())
                .append(BATCH, batch);
    }

    static Message toMessage(Document document) {
        return new Message(document.getString(ID), longOf(document, POSITION), document.getString(BODY),
                intOf(document, TTL), longOf(document, CREATED), longOf(document, EXPIRES),
                longOf(document, DELAY_EXPIRES), document.getString(CLIENT_ID), document.getString(CLAIM_ID),
                longOf(document, CLAIM_EXPIRES), intOf(document, CLAIM_COUNT));
    }

    static long longOf(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.longValue() : 0L;
    }

    static int intOf(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
