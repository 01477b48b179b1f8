package io.shardq.partition.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Queues and their metadata. Metadata objects passed in or out are never shared with the store. */
public interface QueueStore {

    /** Creates the queue with {@code metadata}; completes {@code true} if created, {@code false} if it existed (unchanged). */
    CompletionStage<Boolean> create(QueueRef ref, ObjectNode metadata);

    /** The queue's stored metadata, or empty if the queue does not exist. */
    CompletionStage<Optional<ObjectNode>> metadata(QueueRef ref);

    /** Replaces the metadata of an existing queue; fails with {@link QueueNotFoundException}. */
    CompletionStage<Void> replaceMetadata(QueueRef ref, ObjectNode metadata);

    /** Deletes the queue with all its messages and claims; completes {@code true} if it existed. */
    CompletionStage<Boolean> delete(QueueRef ref);

    /** Up to {@code limit} queues of {@code project} with names byte-ordered after {@code marker} ({@code null}: from the start). */
    CompletionStage<QueuePage> list(String project, String marker, int limit, boolean detailed);

    /** How many queues {@code project} has. */
    CompletionStage<Long> count(String project);

    /** Counts of unexpired messages; {@link QueueStats#EMPTY} for a missing queue. */
    CompletionStage<QueueStats> stats(QueueRef ref);
}
