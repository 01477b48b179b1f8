package io.shardq.partition.storage;

import java.util.concurrent.CompletionStage;

/** Claims of a queue. A claim never takes a message that is claimed, delayed or expired. */
public interface ClaimStore {

    /**
     * Claims up to {@code spec.limit()} available messages in position order. Completes with the claim
     * and its messages; an empty message list means nothing was claimed (and no claim was kept).
     */
    CompletionStage<Claim> create(QueueRef ref, ClaimSpec spec);

    /** The active claim with its messages; fails with {@link ClaimNotFoundException} if unknown, released or expired. */
    CompletionStage<Claim> get(QueueRef ref, String claimId);

    /** Renews an active claim to expire {@code ttl} seconds from now, extending its messages by {@code grace}. */
    CompletionStage<Void> update(QueueRef ref, String claimId, int ttl, int grace);

    /** Releases a claim: its messages become available at once. Unknown or expired claims complete normally. */
    CompletionStage<Void> release(QueueRef ref, String claimId);
}
