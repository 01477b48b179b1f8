package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.QueueStoreContract;
import io.shardq.partition.storage.Storage;
import io.shardq.testing.MutableClock;
import java.time.Duration;

/** Runs the storage contract against the in-memory driver (background sweep off: correctness must not need it). */
class InMemoryQueueStoreTest extends QueueStoreContract {

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new InMemoryStorage(clock, Duration.ZERO);
    }
}
