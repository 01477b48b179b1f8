package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Walks the messages a claim or pop may take, oldest first, in pages, offering each to a conditional
 * taker. A taker that loses a race (another node took the message first) just declines it, and the walk
 * goes on with the next message.
 */
final class AvailableMessages {

    private static final int MIN_PAGE = 20;

    private AvailableMessages() {
    }

    /** Decides on one candidate; {@code true} if it counts towards {@code wanted}. */
    @FunctionalInterface
    interface Taker {
        boolean take(Document candidate) throws Exception;
    }

    /** Offers candidates matching {@code available} in position order until {@code wanted} were taken or none are left. */
    static void walk(MongoCollection<Document> messages, Bson available, int wanted, Taker taker) throws Exception {
        int taken = 0;
        long after = Long.MIN_VALUE;
        int page = Math.max(MIN_PAGE, wanted * 2);
        while (taken < wanted) {
            int seen = 0;
            for (Document candidate : messages.find(and(available, gt(MessageDocuments.POSITION, after)))
                    .sort(ascending(MessageDocuments.POSITION)).limit(page)) {
                seen++;
                after = MessageDocuments.longOf(candidate, MessageDocuments.POSITION);
                if (taker.take(candidate) && ++taken == wanted) {
                    return;
                }
            }
            if (seen < page) {
                return;
            }
        }
    }
}
