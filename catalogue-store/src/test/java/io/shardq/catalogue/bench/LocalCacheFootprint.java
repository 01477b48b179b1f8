package io.shardq.catalogue.bench;

import com.codahale.metrics.MetricRegistry;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CataloguePage;
import io.shardq.catalogue.QueueKey;
import io.shardq.catalogue.internal.cache.CachingCatalogue;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Heap retained by the local cache holding 1,000,000 entries: used heap after full GCs, before and after
 * looking up one million distinct queues through a caching catalogue (no Redis) over an in-memory source
 * that returns freshly built entries, as a MongoDB or Redis read would.
 */
final class LocalCacheFootprint {

    private static final int PROJECTS = 1_000;
    private static final int QUEUES_PER_PROJECT = 1_000;

    private LocalCacheFootprint() {
    }

    static void run() {
        CatalogueConfig config = CatalogueConfig.of("mongodb://unused", null)
                .withRefreshInterval(java.time.Duration.ofDays(1));
        long before = usedHeapAfterGc();
        MetricRegistry registry = new MetricRegistry();
        try (CachingCatalogue catalogue = CachingCatalogue.start(new FreshEntries(), config, registry)) {
            populate(catalogue);
            long entries = ((Number) registry.getGauges().get(
                    MetricRegistry.name(CachingCatalogue.class, "local", "size")).getValue()).longValue();
            long after = usedHeapAfterGc();
            System.out.printf("local cache: %,d entries retain %,d MiB of heap (%d bytes per entry, keys included)%n",
                    entries, (after - before) >> 20, (after - before) / entries);
        }
    }

    /** Looks up every key twice (load, then hit) and lets the key list go, so only the cache retains them. */
    private static void populate(Catalogue catalogue) {
        List<QueueKey> keys = BenchKeys.keys(PROJECTS, QUEUES_PER_PROJECT);
        keys.forEach(catalogue::lookup);
        keys.forEach(catalogue::lookup);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A source that builds a new entry per lookup, like a decoded database or Redis answer. */
    private static final class FreshEntries implements Catalogue {
        private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

        @Override
        public Optional<CatalogueEntry> lookup(QueueKey key) {
            return Optional.of(CatalogueEntry.of(key, "partition-" + (key.hashCode() & 7), CREATED));
        }

        @Override
        public Optional<CatalogueEntry> lookupFresh(QueueKey key) {
            return lookup(key);
        }

        @Override
        public Map<QueueKey, CatalogueEntry> lookupAll(Collection<QueueKey> keys) {
            return Map.of();
        }

        @Override
        public CatalogueEntry createIfAbsent(QueueKey key, Supplier<String> placement) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CatalogueEntry compareAndSet(CatalogueEntry expected, CatalogueEntry next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CatalogueEntry> delete(QueueKey key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CatalogueEntry> deleteIfUnchanged(CatalogueEntry expected) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CataloguePage list(String project, String marker, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Long> countByPartition() {
            return Map.of();
        }

        @Override
        public long count(String partition) {
            return 0;
        }

        @Override
        public List<CatalogueEntry> entriesOf(String partition, int limit) {
            return List.of();
        }

        @Override
        public List<CatalogueEntry> listAll() {
            return List.of();
        }

        @Override
        public void close() {
        }
    }
}
