package io.shardq.partition.storage;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Raw access for migration agents and catalogue regeneration. These operations ignore fences: an agent
 * exports a frozen queue and imports into a queue that no client reaches yet.
 */
public interface QueueTransfer {

    /** Up to {@code limit} messages after position {@code afterPosition} ({@code -1}: from the start); a missing queue fails with {@link QueueNotFoundException}. */
    CompletionStage<ExportPage> export(QueueRef ref, long afterPosition, int limit);

    /**
     * Writes a page: creates the queue if missing, replaces its metadata, raises its position counter to
     * at least {@code page.lastPosition()}, upserts every message by id at its exported position and every
     * claim by id. Importing the same page again changes nothing.
     */
    CompletionStage<Void> importPage(QueueRef ref, ExportPage page);

    /** Up to {@code limit} message states after {@code afterPosition}, in position order (no bodies). */
    CompletionStage<StatePage> states(QueueRef ref, long afterPosition, int limit);

    /** Overwrites the claim fields, ttl and expiry of messages that exist here; unknown ids are ignored. */
    CompletionStage<Void> applyStates(QueueRef ref, List<MessageState> states);

    /** Deletes messages by id regardless of claims and fences. */
    CompletionStage<Void> deleteMessages(QueueRef ref, List<String> ids);

    /** Deletes the queue with its messages, claims and fence, regardless of the fence. */
    default CompletionStage<Void> drop(QueueRef ref) {
        return drop(ref, false);
    }

    /**
     * Deletes the queue with its messages, claims and metadata, regardless of the fence; with
     * {@code keepFence} the queue's fence (and its write leases) stay untouched, so a {@code moved} fence
     * keeps refusing stale requests after the data is gone: the fence is never absent in between.
     */
    CompletionStage<Void> drop(QueueRef ref, boolean keepFence);

    /** Up to {@code limit} queues of every project, ordered by {@link QueueRef}, after {@code after} ({@code null}: from the start). */
    CompletionStage<List<QueueRef>> queues(QueueRef after, int limit);
}
