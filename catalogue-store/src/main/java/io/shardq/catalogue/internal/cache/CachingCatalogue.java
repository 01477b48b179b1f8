package io.shardq.catalogue.internal.cache;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import io.lettuce.core.RedisException;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CataloguePage;
import io.shardq.catalogue.CatalogueUnavailableException;
import io.shardq.catalogue.QueueKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decorates the MongoDB catalogue with a local Caffeine cache and a shared Redis cache. Lookups go local →
 * Redis → MongoDB; writes go MongoDB → local → Redis → an event on the Redis channel, which every other
 * process applies to its local cache.
 *
 * <p>The local cache is trusted only while the invalidation channel is subscribed (always, without Redis):
 * when the subscription is lost, lookups go to MongoDB (falling back to the caches if MongoDB is down too);
 * when it is re-established, the local cache is dropped, since events may have been missed meanwhile. A
 * {@link PeriodicRefresh} re-reads cached entries every refresh interval, bounding staleness from lost events.
 */
public final class CachingCatalogue implements Catalogue {

    private static final Logger logger = LoggerFactory.getLogger(CachingCatalogue.class);

    private final Catalogue source;
    private final LocalRouteCache local;
    private final RedisLink link;
    private final RedisRouteCache redis;
    private final UnsyncedKeys unsynced = new UnsyncedKeys();
    private final CatalogueExecutors executors;
    private final CacheMetrics metrics;

    private CachingCatalogue(Catalogue source, CatalogueConfig config, MetricRegistry registry) {
        this.source = requireNonNull(source, "source");
        this.local = new LocalRouteCache(config.localCacheMaxSize());
        this.executors = new CatalogueExecutors(config);
        this.metrics = new CacheMetrics(registry, local::size);
        this.link = config.redisUri() == null ? null : new RedisLink(config, executors.scheduler(), new Events());
        this.redis = link == null ? null : new RedisRouteCache(link, config);
    }

    /**
     * Starts the cache over {@code source}: connects to Redis (retrying in the background while it is down)
     * and schedules the periodic refresh.
     */
    public static CachingCatalogue start(Catalogue source, CatalogueConfig config, MetricRegistry registry) {
        requireNonNull(config, "config");
        requireNonNull(registry, "registry");
        CachingCatalogue catalogue = new CachingCatalogue(source, config, registry);
        if (catalogue.link != null) {
            catalogue.link.start();
        }
        long period = config.refreshInterval().toMillis();
        PeriodicRefresh refresh = new PeriodicRefresh(catalogue.local, catalogue.redis, source, catalogue.metrics);
        catalogue.executors.scheduler().scheduleWithFixedDelay(() -> {
            catalogue.repairRedis();
            if (catalogue.isLocalCacheTrusted()) {
                refresh.run();
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return catalogue;
    }

    /** Whether lookups may answer from the local cache: no Redis, or its invalidation channel is subscribed. */
    public boolean isLocalCacheTrusted() {
        return link == null || link.isSubscribed();
    }

    @Override
    public Optional<CatalogueEntry> lookup(QueueKey key) {
        requireNonNull(key, "key");
        if (!isLocalCacheTrusted()) {
            return lookupDegraded(key);
        }
        CatalogueEntry hit = local.get(key);
        if (hit != null) {
            metrics.localHits.inc();
            return Optional.of(hit);
        }
        return load(key);
    }

    private Optional<CatalogueEntry> load(QueueKey key) {
        long stamp = local.stamp(key);
        Optional<CatalogueEntry> cached = redisGet(key);
        if (cached.isPresent()) {
            metrics.redisHits.inc();
            local.putIfUnchanged(stamp, cached.get());
            return cached;
        }
        Optional<CatalogueEntry> stored = source.lookup(key);
        metrics.mongoLoads.inc();
        stored.ifPresent(entry -> {
            redisCall(() -> redis.fillIfAbsent(entry), null);
            local.putIfUnchanged(stamp, entry);
        });
        return stored;
    }

    /** Without invalidation events: MongoDB first, the caches only if MongoDB is down too. */
    private Optional<CatalogueEntry> lookupDegraded(QueueKey key) {
        metrics.degradedLookups.inc();
        long stamp = local.stamp(key);
        try {
            Optional<CatalogueEntry> stored = source.lookup(key);
            stored.ifPresentOrElse(entry -> local.putIfUnchanged(stamp, entry), () -> local.invalidate(key));
            return stored;
        } catch (CatalogueUnavailableException e) {
            CatalogueEntry stale = local.get(key);
            if (stale != null) {
                return Optional.of(stale);
            }
            Optional<CatalogueEntry> cached = redisGet(key);
            if (cached.isPresent()) {
                return cached;
            }
            throw e;
        }
    }

    @Override
    public Optional<CatalogueEntry> lookupFresh(QueueKey key) {
        requireNonNull(key, "key");
        long stamp = local.stamp(key);
        Optional<CatalogueEntry> stored = source.lookupFresh(key);
        metrics.mongoLoads.inc();
        if (stored.isPresent()) {
            local.putIfUnchanged(stamp, stored.get());
            redisCall(() -> redis.putIfNewer(stored.get()), key);
        } else {
            local.invalidate(key);
            redisCall(() -> redis.delete(key), key);
        }
        return stored;
    }

    @Override
    public CompletionStage<Optional<CatalogueEntry>> lookupAsync(QueueKey key) {
        requireNonNull(key, "key");
        if (isLocalCacheTrusted()) {
            CatalogueEntry hit = local.get(key);
            if (hit != null) {
                metrics.localHits.inc();
                return CompletableFuture.completedFuture(Optional.of(hit));
            }
        }
        try {
            return CompletableFuture.supplyAsync(() -> lookup(key), executors.lookups());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new CatalogueUnavailableException("too many catalogue lookups waiting", e));
        }
    }

    @Override
    public Map<QueueKey, CatalogueEntry> lookupAll(Collection<QueueKey> keys) {
        Map<QueueKey, CatalogueEntry> found = new HashMap<>();
        for (QueueKey key : keys) {
            lookup(key).ifPresent(entry -> found.put(key, entry));
        }
        return found;
    }

    @Override
    public CatalogueEntry createIfAbsent(QueueKey key, Supplier<String> placement) {
        requireNonNull(key, "key");
        requireNonNull(placement, "placement");
        long stamp = local.stamp(key);
        AtomicBoolean placed = new AtomicBoolean();
        CatalogueEntry entry = source.createIfAbsent(key, () -> {
            placed.set(true);
            return placement.get();
        });
        if (placed.get()) {
            return afterWrite(stamp, entry);
        }
        redisCall(() -> redis.fillIfAbsent(entry), null);
        local.putIfUnchanged(stamp, entry);
        return entry;
    }

    @Override
    public CatalogueEntry compareAndSet(CatalogueEntry expected, CatalogueEntry next) {
        requireNonNull(expected, "expected");
        long stamp = local.stamp(expected.key());
        return afterWrite(stamp, source.compareAndSet(expected, next));
    }

    @Override
    public Optional<CatalogueEntry> delete(QueueKey key) {
        requireNonNull(key, "key");
        return afterDelete(key, source.delete(key));
    }

    @Override
    public Optional<CatalogueEntry> deleteIfUnchanged(CatalogueEntry expected) {
        requireNonNull(expected, "expected");
        return afterDelete(expected.key(), source.deleteIfUnchanged(expected));
    }

    /** Forgets the entry here and in Redis, and tells the other processes when one was deleted. */
    private Optional<CatalogueEntry> afterDelete(QueueKey key, Optional<CatalogueEntry> deleted) {
        local.invalidate(key);
        redisCall(() -> {
            redis.delete(key);
            deleted.ifPresent(entry -> redis.publish(CatalogueEvent.delete(entry)));
        }, key);
        return deleted;
    }

    private CatalogueEntry afterWrite(long stamp, CatalogueEntry written) {
        local.putIfUnchanged(stamp, written);
        redisCall(() -> {
            redis.putIfNewer(written);
            redis.publish(CatalogueEvent.upsert(written));
        }, written.key());
        return written;
    }

    private Optional<CatalogueEntry> redisGet(QueueKey key) {
        if (redis == null) {
            return Optional.empty();
        }
        try {
            return redis.get(key);
        } catch (RedisException e) {
            metrics.redisErrors.inc();
            return Optional.empty();
        }
    }

    /** Runs a Redis call if Redis is configured; on failure, remembers {@code written} for repair. */
    private void redisCall(Runnable call, QueueKey written) {
        if (redis == null) {
            return;
        }
        try {
            call.run();
        } catch (RedisException e) {
            metrics.redisErrors.inc();
            logger.debug("redis call failed: {}", e.getMessage());
            if (written != null) {
                unsynced.add(written);
            }
        }
    }

    private void repairRedis() {
        if (redis != null && !unsynced.isEmpty()) {
            unsynced.repair(redis);
        }
    }

    @Override
    public CataloguePage list(String project, String marker, int limit) {
        return source.list(project, marker, limit);
    }

    @Override
    public Map<String, Long> countByPartition() {
        return source.countByPartition();
    }

    @Override
    public long count(String partition) {
        return source.count(partition);
    }

    @Override
    public List<CatalogueEntry> entriesOf(String partition, int limit) {
        return source.entriesOf(partition, limit);
    }

    @Override
    public List<CatalogueEntry> listAll() {
        return source.listAll();
    }

    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
        executors.close();
        source.close();
    }

    /** Applies what the Redis link reports. */
    private final class Events implements RedisLink.Listener {
        @Override
        public void onMessage(String message) {
            metrics.eventsReceived.inc();
            try {
                local.apply(CatalogueEvent.parse(message));
            } catch (RuntimeException e) {
                metrics.eventsInvalid.inc();
                logger.warn("ignoring invalid catalogue event '{}': {}", message, e.getMessage());
            }
        }

        @Override
        public void onSubscribed() {
            local.clear();
            repairRedis();
        }

        @Override
        public void onSubscriptionLost() {
            // lookups bypass the local cache until onSubscribed clears it
        }
    }
}
