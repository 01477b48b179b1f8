package io.shardq.partition.storage.redis;

import io.shardq.partition.storage.FenceContract;
import io.shardq.partition.storage.Storage;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared fence contract against a real redis-server. */
class RedisFenceContractIT extends FenceContract {

    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new RedisStorage(redis.uri(), clock, "fence-contract:", leaseTimeout());
    }
}
