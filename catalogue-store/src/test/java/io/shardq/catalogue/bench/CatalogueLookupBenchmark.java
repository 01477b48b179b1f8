package io.shardq.catalogue.bench;

import com.codahale.metrics.MetricRegistry;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.QueueKey;
import io.shardq.testing.FreePorts;
import io.shardq.testing.RedisServer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Lookup cost per tier: a local-cache hit, a Redis hit (local cache disabled) and a MongoDB read (local cache
 * disabled, no Redis), against a real {@code redis-server} and the in-process MongoDB-wire server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class CatalogueLookupBenchmark {

    private static final int KEYS = 16_384;

    private MongoServer mongo;
    private RedisServer redis;
    private CatalogueStore cached;
    private CatalogueStore redisOnly;
    private CatalogueStore mongoOnly;
    private List<QueueKey> keys;
    private int next;

    @Setup(Level.Trial)
    public void start() {
        mongo = new MongoServer(new MemoryBackend());
        int port = FreePorts.pick();
        mongo.bind("127.0.0.1", port);
        redis = new RedisServer().start();
        CatalogueConfig config = CatalogueConfig.of("mongodb://127.0.0.1:" + port, redis.uri());
        cached = CatalogueStore.open(config, new MetricRegistry());
        redisOnly = CatalogueStore.open(config.withLocalCacheMaxSize(0), new MetricRegistry());
        mongoOnly = CatalogueStore.open(CatalogueConfig.of(config.mongoUri(), null).withLocalCacheMaxSize(0),
                new MetricRegistry());
        keys = BenchKeys.keys(16, KEYS / 16);
        for (QueueKey key : keys) {
            cached.catalogue().createIfAbsent(key, () -> "partition-" + (key.hashCode() & 7));
        }
        while (!cached.isLocalCacheTrusted() || !redisOnly.isLocalCacheTrusted()) {
            Thread.onSpinWait();
        }
        keys.forEach(cached.catalogue()::lookup);
    }

    @TearDown(Level.Trial)
    public void stop() {
        cached.close();
        redisOnly.close();
        mongoOnly.close();
        redis.stop();
        mongo.shutdownNow();
    }

    private QueueKey nextKey() {
        next = (next + 1) & (KEYS - 1);
        return keys.get(next);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public CatalogueEntry localHit() {
        return cached.catalogue().lookup(nextKey()).orElseThrow();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CatalogueEntry redisHit() {
        return redisOnly.catalogue().lookup(nextKey()).orElseThrow();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CatalogueEntry mongoMiss() {
        return mongoOnly.catalogue().lookup(nextKey()).orElseThrow();
    }
}
