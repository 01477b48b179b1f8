package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.TransferContract;
import io.shardq.testing.MutableClock;
import java.time.Duration;

/** Runs the transfer contract from one in-memory store to another. */
class InMemoryTransferTest extends TransferContract {

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new InMemoryStorage(clock, Duration.ZERO);
    }
}
