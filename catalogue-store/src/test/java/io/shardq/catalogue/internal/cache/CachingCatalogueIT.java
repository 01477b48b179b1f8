package io.shardq.catalogue.internal.cache;

import com.codahale.metrics.MetricRegistry;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueContract;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.CatalogueTesting;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared behaviour through the full stack: local cache, Redis, MongoDB. */
class CachingCatalogueIT extends CatalogueContract {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static CatalogueStore store;

    @BeforeAll
    static void open() {
        store = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        CatalogueTesting.await("the invalidation channel is subscribed", store::isLocalCacheTrusted);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected Catalogue catalogue() {
        return store.catalogue();
    }
}
