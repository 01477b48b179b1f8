package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acceptance: 16 threads through 2 independent clients create the same 1,000 queues and all agree. */
class ConcurrentCreationIT {

    private static final int THREADS = 16;
    private static final int QUEUES = 1_000;

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static CatalogueStore first;
    private static CatalogueStore second;

    @BeforeAll
    static void open() {
        first = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        second = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        CatalogueTesting.await("both clients are subscribed",
                () -> first.isLocalCacheTrusted() && second.isLocalCacheTrusted());
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    @Test
    void concurrentCreatorsAgreeOnExactlyOnePartitionPerQueue() throws Exception {
        String project = CatalogueTesting.uniqueProject();
        List<QueueKey> keys = IntStream.range(0, QUEUES).mapToObj(i -> QueueKey.of(project, "q" + i)).toList();
        Map<QueueKey, Set<String>> answers = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Catalogue client = (t % 2 == 0 ? first : second).catalogue();
            done.add(pool.submit(() -> {
                start.await();
                for (QueueKey key : keys) {
                    CatalogueEntry entry = client.createIfAbsent(key,
                            () -> "part-" + ThreadLocalRandom.current().nextInt(4));
                    answers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(entry.partition());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();

        List<CatalogueEntry> stored = first.catalogue().listAll().stream()
                .filter(entry -> entry.project().equals(project)).toList();
        assertThat(stored).hasSize(QUEUES);
        assertThat(new HashSet<>(stored.stream().map(CatalogueEntry::partition).toList())).hasSizeGreaterThan(1);
        for (CatalogueEntry entry : stored) {
            assertThat(answers.get(entry.key())).as("answers for %s", entry.key()).containsExactly(entry.partition());
            assertThat(first.catalogue().lookup(entry.key())).contains(entry);
            assertThat(second.catalogue().lookup(entry.key())).contains(entry);
        }
    }
}
