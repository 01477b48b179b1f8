package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.MessageState;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes copied data into a queue, under its lock: export pages (messages at their own positions, claim
 * records rebuilt from the messages that carry their id) and reconciled message states. Writing the same
 * data twice changes nothing.
 */
final class PageImport {

    private PageImport() {
    }

    static void apply(QueueState state, ExportPage page, long nowMillis) {
        state.replaceMetadata(page.metadata());
        state.raiseLastPosition(page.lastPosition());
        page.messages().forEach(state::upsert);
        for (Claim claim : page.claims()) {
            ClaimRecord known = state.claim(claim.id());
            TreeMap<Long, String> taken = known == null ? scan(state, claim.id(), nowMillis)
                    : held(state, known.messageIds(), nowMillis);
            for (Message message : page.messages()) {
                if (claim.id().equals(message.claimId())) {
                    taken.put(message.position(), message.id());
                }
            }
            state.putClaim(new ClaimRecord(claim.id(), claim.ttl(), claim.grace(), claim.createdMillis(),
                    claim.expiresMillis(), List.copyOf(taken.values())));
        }
    }

    /**
     * Overwrites the mutable fields of known messages. A message that lost its claim id had its claim
     * released at the source, so that claim's record goes (as a release does); a message now under a known
     * claim joins its record.
     */
    static void applyStates(QueueState state, List<MessageState> states, long nowMillis) {
        for (MessageState update : states) {
            Message message = state.find(update.id(), nowMillis);
            if (message == null) {
                continue;
            }
            if (message.claimId() != null && update.claimId() == null) {
                state.removeClaim(message.claimId());
            }
            state.replace(new Message(message.id(), message.position(), message.body(), update.ttl(),
                    message.createdMillis(), update.expiresMillis(), message.delayExpiresMillis(),
                    message.clientId(), update.claimId(), update.claimExpiresMillis(), update.claimCount()));
            ClaimRecord record = update.claimId() == null ? null : state.claim(update.claimId());
            if (record != null && !record.messageIds().contains(message.id())) {
                TreeMap<Long, String> taken = held(state, record.messageIds(), nowMillis);
                taken.put(message.position(), message.id());
                state.putClaim(new ClaimRecord(record.id(), record.ttl(), record.grace(), record.renewedMillis(),
                        record.expiresMillis(), List.copyOf(taken.values())));
            }
        }
    }

    /** Ids of the stored messages that carry {@code claimId}, by position. */
    private static TreeMap<Long, String> scan(QueueState state, String claimId, long nowMillis) {
        TreeMap<Long, String> taken = new TreeMap<>();
        for (Iterator<Message> it = state.live(MessageQuery.FROM_HEAD, nowMillis); it.hasNext(); ) {
            Message message = it.next();
            if (claimId.equals(message.claimId())) {
                taken.put(message.position(), message.id());
            }
        }
        return taken;
    }

    /** The given ids that are still stored, by position. */
    private static TreeMap<Long, String> held(QueueState state, List<String> ids, long nowMillis) {
        TreeMap<Long, String> taken = new TreeMap<>();
        for (String id : ids) {
            Message message = state.find(id, nowMillis);
            if (message != null) {
                taken.put(message.position(), id);
            }
        }
        return taken;
    }
}
