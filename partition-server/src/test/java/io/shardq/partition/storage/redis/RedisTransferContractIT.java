package io.shardq.partition.storage.redis;

import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.TransferContract;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared transfer contract against a real redis-server; every store gets a key prefix of its own. */
class RedisTransferContractIT extends TransferContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static final AtomicInteger STORES = new AtomicInteger();

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new RedisStorage(redis.uri(), clock, "transfer-contract-" + STORES.incrementAndGet() + ":");
    }
}
