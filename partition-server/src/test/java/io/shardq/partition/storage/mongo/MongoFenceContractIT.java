package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.FenceContract;
import io.shardq.partition.storage.Storage;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared fence contract against the MongoDB driver (the in-process server, or {@code MONGO_URI}). */
class MongoFenceContractIT extends FenceContract {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new MongoStorage(mongo.uri(), mongo.database(), clock,
                MongoStorageSettings.DEFAULTS.withLeaseTimeout(leaseTimeout()));
    }
}
