package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.codahale.metrics.MetricRegistry;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acceptance: an update through one client (proxy) is seen by another's lookup; propagation figures over
 * 1,000 updates are printed (not asserted); a Redis restart leaves no stale read.
 */
class InvalidationIT {

    private static final int UPDATES = 1_000;

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static CatalogueStore writer;
    private static CatalogueStore reader;

    @BeforeAll
    static void open() {
        writer = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        reader = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        awaitSubscribed();
    }

    @AfterAll
    static void close() {
        writer.close();
        reader.close();
    }

    private static void awaitSubscribed() {
        CatalogueTesting.await("both clients are subscribed",
                () -> writer.isLocalCacheTrusted() && reader.isLocalCacheTrusted());
    }

    @Test
    void updatesThroughOneClientReachTheOthersLookup() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        CatalogueEntry current = writer.catalogue().createIfAbsent(key, () -> "a");
        assertThat(reader.catalogue().lookup(key)).contains(current);

        long[] micros = new long[UPDATES];
        for (int i = 0; i < UPDATES; i++) {
            current = writer.catalogue().compareAndSet(current, current.withPartition(i % 2 == 0 ? "b" : "a"));
            long written = System.nanoTime();
            long version = current.version();
            spinUntilReaderSees(key, version);
            micros[i] = (System.nanoTime() - written) / 1_000;
            assertThat(reader.catalogue().lookup(key)).contains(current);
        }
        Arrays.sort(micros);
        System.out.printf("catalogue propagation over %d updates: p50 %d us, p99 %d us, max %d us%n", UPDATES,
                micros[UPDATES / 2], micros[UPDATES * 99 / 100], micros[UPDATES - 1]);
    }

    /** Spins (no sleeping, which would quantize the figures) until the reader's lookup shows {@code version}. */
    private static void spinUntilReaderSees(QueueKey key, long version) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reader.catalogue().lookup(key).orElseThrow().version() != version) {
            if (System.nanoTime() > deadline) {
                fail("the reader never saw version " + version + " of " + key);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void redisRestartLeavesNoStaleRead() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        CatalogueEntry v1 = writer.catalogue().createIfAbsent(key, () -> "a");
        assertThat(reader.catalogue().lookup(key)).contains(v1);

        redis.server().stop();
        CatalogueTesting.await("both clients notice Redis is gone",
                () -> !writer.isLocalCacheTrusted() && !reader.isLocalCacheTrusted());
        CatalogueEntry v2 = writer.catalogue().compareAndSet(v1, v1.withPartition("b"));
        assertThat(reader.catalogue().lookup(key)).contains(v2);

        redis.server().start();
        awaitSubscribed();
        assertThat(reader.catalogue().lookup(key)).contains(v2);
        assertThat(writer.catalogue().lookup(key)).contains(v2);

        CatalogueEntry v3 = writer.catalogue().compareAndSet(v2, v2.withPartition("c"));
        CatalogueTesting.await("events flow again",
                () -> reader.catalogue().lookup(key).orElseThrow().equals(v3));
    }
}
