package io.shardq.catalogue.internal.cache;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisException;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CatalogueUnavailableException;
import io.shardq.catalogue.QueueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads every locally cached entry, in batches (Redis {@code MGET}, then MongoDB for what Redis lacks),
 * so that an entry whose invalidation event was lost is corrected within one refresh interval. If MongoDB
 * is down the stale entries stay: routes keep working from cache.
 */
final class PeriodicRefresh implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(PeriodicRefresh.class);
    private static final int BATCH = 500;

    private final LocalRouteCache local;
    private final RedisRouteCache redis;
    private final Catalogue source;
    private final CacheMetrics metrics;

    /** @param redis the Redis cache, or {@code null} to re-read from MongoDB only */
    PeriodicRefresh(LocalRouteCache local, RedisRouteCache redis, Catalogue source, CacheMetrics metrics) {
        this.local = requireNonNull(local, "local");
        this.redis = redis;
        this.source = requireNonNull(source, "source");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    @Override
    public void run() {
        List<CatalogueEntry> cached = local.snapshot();
        try {
            for (int from = 0; from < cached.size(); from += BATCH) {
                refresh(cached.subList(from, Math.min(cached.size(), from + BATCH)));
            }
        } catch (CatalogueUnavailableException e) {
            logger.debug("refresh stopped, catalogue database unavailable: {}", e.getMessage());
        } catch (RuntimeException e) {
            logger.warn("refresh of the local catalogue cache failed", e);
        }
    }

    private void refresh(List<CatalogueEntry> batch) {
        List<QueueKey> keys = batch.stream().map(CatalogueEntry::key).toList();
        Map<QueueKey, CatalogueEntry> found = fromRedis(keys);
        List<QueueKey> missing = new ArrayList<>();
        keys.stream().filter(key -> !found.containsKey(key)).forEach(missing::add);
        Map<QueueKey, CatalogueEntry> stored = source.lookupAll(missing);
        stored.values().forEach(this::fill);
        found.putAll(stored);
        for (CatalogueEntry old : batch) {
            local.refresh(old.key(), old, found.get(old.key()));
        }
        metrics.refreshedEntries.inc(batch.size());
    }

    private Map<QueueKey, CatalogueEntry> fromRedis(List<QueueKey> keys) {
        if (redis != null) {
            try {
                return redis.getAll(keys);
            } catch (RedisException e) {
                metrics.redisErrors.inc();
            }
        }
        return new java.util.HashMap<>();
    }

    private void fill(CatalogueEntry entry) {
        if (redis != null) {
            try {
                redis.fillIfAbsent(entry);
            } catch (RedisException e) {
                metrics.redisErrors.inc();
            }
        }
    }
}
