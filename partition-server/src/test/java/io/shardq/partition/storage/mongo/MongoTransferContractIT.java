package io.shardq.partition.storage.mongo;

import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.TransferContract;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared transfer contract against the MongoDB driver; every store gets a database of its own. */
class MongoTransferContractIT extends TransferContract {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private static final AtomicInteger STORES = new AtomicInteger();

    @Override
    protected Storage createStorage(MutableClock clock) {
        return new MongoStorage(mongo.uri(), mongo.database() + "_" + STORES.incrementAndGet(), clock);
    }
}
