package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.QueueStoreContract;
import io.shardq.partition.storage.Storage;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the storage contract against the MongoDB driver: the in-process MongoDB-wire server, or a real
 * MongoDB when {@code MONGO_URI} is set.
 */
class MongoQueueStoreIT extends QueueStoreContract {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new MongoStorage(mongo.uri(), mongo.database(), clock);
    }
}
