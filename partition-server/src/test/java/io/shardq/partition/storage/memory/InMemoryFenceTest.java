package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.FenceContract;
import io.shardq.partition.storage.Storage;
import io.shardq.testing.MutableClock;
import java.time.Duration;

/** Runs the fence contract against the in-memory driver. */
class InMemoryFenceTest extends FenceContract {

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new InMemoryStorage(clock, Duration.ZERO);
    }
}
