package io.shardq.catalogue.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.CatalogueTesting;
import io.shardq.catalogue.QueueKey;
import io.shardq.catalogue.internal.mongo.MongoCatalogue;
import io.shardq.catalogue.internal.mongo.MongoCatalogueDatabase;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Lost invalidation events are repaired by the periodic refresh (here every 100 ms). */
class PeriodicRefreshIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static CatalogueConfig config;
    private static CatalogueStore reader;
    private static MongoCatalogueDatabase database;
    private static MongoCatalogue silentWriter;
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;

    @BeforeAll
    static void open() {
        config = CatalogueTesting.config(mongo, redis).withRefreshInterval(Duration.ofMillis(100));
        reader = CatalogueStore.open(config, new MetricRegistry());
        database = MongoCatalogueDatabase.open(config);
        silentWriter = new MongoCatalogue(database, Clock.systemUTC());
        redisClient = RedisClient.create(redis.uri());
        redisConnection = redisClient.connect();
        CatalogueTesting.await("the reader is subscribed", reader::isLocalCacheTrusted);
    }

    @AfterAll
    static void close() {
        reader.close();
        database.close();
        redisConnection.close();
        redisClient.shutdown();
    }

    @Test
    void changeWithoutAnEventReachesTheLocalCacheFromRedis() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        CatalogueEntry v1 = reader.catalogue().createIfAbsent(key, () -> "a");
        CatalogueEntry v2 = silentWriter.compareAndSet(v1, v1.withPartition("b"));
        redisConnection.sync().set(config.redisKeyPrefix() + "entry:" + key.key(), new EntryCodec().encode(v2));

        CatalogueTesting.await("the refresh picks up version 2", () -> reader.catalogue().lookup(key).orElseThrow().equals(v2));
    }

    @Test
    void changeMissingFromRedisReachesTheLocalCacheFromMongo() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        CatalogueEntry v1 = reader.catalogue().createIfAbsent(key, () -> "a");
        CatalogueEntry v2 = silentWriter.compareAndSet(v1, v1.withPartition("b"));
        redisConnection.sync().del(config.redisKeyPrefix() + "entry:" + key.key());

        CatalogueTesting.await("the refresh picks up version 2", () -> reader.catalogue().lookup(key).orElseThrow().equals(v2));
    }

    @Test
    void deletionWithoutAnEventLeavesTheLocalCache() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        reader.catalogue().createIfAbsent(key, () -> "a");
        silentWriter.delete(key);
        redisConnection.sync().del(config.redisKeyPrefix() + "entry:" + key.key());

        CatalogueTesting.await("the refresh drops the entry", () -> reader.catalogue().lookup(key).isEmpty());
        assertThat(reader.catalogue().lookupFresh(key)).isEmpty();
    }
}
