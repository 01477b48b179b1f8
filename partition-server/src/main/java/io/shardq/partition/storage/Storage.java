package io.shardq.partition.storage;

import java.util.concurrent.CompletionStage;

/** One partition's storage: the three stores over a single backend, chosen from config by {@code storage.type}. */
public interface Storage extends AutoCloseable {

    QueueStore queues();

    MessageStore messages();

    ClaimStore claims();

    /** Per-queue fences for migrations. */
    FenceStore fences();

    /** Raw export/import for migration agents and catalogue regeneration. */
    QueueTransfer transfer();

    /** Completes {@code true} when the backend answers. Never fails. */
    CompletionStage<Boolean> isAlive();

    @Override
    void close();
}
