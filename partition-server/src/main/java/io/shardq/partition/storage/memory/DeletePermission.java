package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.InvalidClaimException;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.MessageNotClaimedException;

/**
 * Zaqar's claim rules for deleting one message (SPEC §4.4), checked under the queue's lock:
 *
 * <table>
 *   <tr><th>claim id given</th><th>message</th><th>outcome</th></tr>
 *   <tr><td>none</td><td>not claimed (or claim expired)</td><td>delete</td></tr>
 *   <tr><td>none</td><td>claimed</td><td>{@link MessageClaimedException}</td></tr>
 *   <tr><td>the message's active claim</td><td>claimed</td><td>delete</td></tr>
 *   <tr><td>any</td><td>not claimed</td><td>{@link MessageNotClaimedException}</td></tr>
 *   <tr><td>unknown, expired or released (in this queue)</td><td>claimed by another</td>
 *       <td>{@link InvalidClaimException}</td></tr>
 *   <tr><td>another active claim</td><td>claimed</td><td>{@link MessageClaimedException}</td></tr>
 * </table>
 */
final class DeletePermission {

    private DeletePermission() {
    }

    /** Throws if the caller holding {@code claimId} ({@code null}: none) may not delete {@code message}. */
    static void check(QueueState state, Message message, String claimId, long nowMillis) {
        boolean claimed = message.isClaimed(nowMillis);
        if (claimId == null) {
            if (claimed) {
                throw new MessageClaimedException(message.id());
            }
        } else if (!claimed) {
            throw new MessageNotClaimedException(message.id());
        } else if (!message.claimId().equals(claimId)) {
            ClaimRecord given = state.claim(claimId);
            if (given == null || !given.isActive(nowMillis)) {
                throw new InvalidClaimException(claimId);
            }
            throw new MessageClaimedException(message.id());
        }
    }
}
