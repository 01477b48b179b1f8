package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;

import io.shardq.partition.storage.InvalidClaimException;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.MessageNotClaimedException;
import io.shardq.partition.storage.QueueRef;
import org.bson.conversions.Bson;

/**
 * Zaqar's claim rules for deleting one message (SPEC §4.4):
 *
 * <table>
 *   <tr><th>claim id given</th><th>message</th><th>outcome</th></tr>
 *   <tr><td>none</td><td>not claimed (or claim expired)</td><td>delete</td></tr>
 *   <tr><td>none</td><td>claimed</td><td>{@link MessageClaimedException}</td></tr>
 *   <tr><td>the message's active claim</td><td>claimed</td><td>delete</td></tr>
 *   <tr><td>any</td><td>not claimed</td><td>{@link MessageNotClaimedException}</td></tr>
 *   <tr><td>unknown, expired or released (in this queue)</td><td>claimed by another</td><td>{@link InvalidClaimException}</td></tr>
 *   <tr><td>another active claim</td><td>claimed</td><td>{@link MessageClaimedException}</td></tr>
 * </table>
 *
 * The delete itself is conditional on {@link #stillAllows}, so a claim taken between check and delete wins.
 */
final class DeletePermission {

    private final MongoCollections collections;

    DeletePermission(MongoCollections collections) {
        this.collections = collections;
    }

    /** Throws if the caller holding {@code claimId} ({@code null}: none) may not delete {@code message}. */
    void check(QueueRef ref, Message message, String claimId, long nowMillis) {
        boolean claimed = message.isClaimed(nowMillis);
        if (claimId == null) {
            if (claimed) {
                throw new MessageClaimedException(message.id());
            }
        } else if (!claimed) {
            throw new MessageNotClaimedException(message.id());
        } else if (!message.claimId().equals(claimId)) {
            boolean givenIsActive = collections.claims().countDocuments(and(ClaimDocuments.byId(ref, claimId),
                    gt(ClaimDocuments.EXPIRES, nowMillis))) > 0;
            if (givenIsActive) {
                throw new MessageClaimedException(message.id());
            }
            throw new InvalidClaimException(claimId);
        }
    }

    /** The condition under which a message checked by {@link #check} may still be deleted. */
    Bson stillAllows(String claimId, long nowMillis) {
        if (claimId == null) {
            return lte(MessageDocuments.CLAIM_EXPIRES, nowMillis);
        }
        return and(eq(MessageDocuments.CLAIM_ID, claimId), gt(MessageDocuments.CLAIM_EXPIRES, nowMillis));
    }
}
