package io.shardq.catalogue.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.QueueKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounded in-process cache of catalogue entries (Caffeine). Values only move forward: a put never
 * replaces a newer entry. Loads race with invalidations, so each load takes a {@link #stamp} before it reads
 * and {@link #putIfUnchanged} drops its result if an event or a clear touched the key's stripe meanwhile.
 */
final class LocalRouteCache {

    private static final int STRIPES = 1024;

    private final Cache<QueueKey, CatalogueEntry> cache;
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final boolean enabled;

    /** @param maxSize entries kept; 0 disables the cache (every lookup misses) */
    LocalRouteCache(int maxSize) {
        this.cache = Caffeine.newBuilder().maximumSize(maxSize).build();
        this.enabled = maxSize > 0;
    }

    CatalogueEntry get(QueueKey key) {
        return enabled ? cache.getIfPresent(key) : null;
    }

    /** A token to pass to {@link #putIfUnchanged} once a load of {@code key} completes. */
    long stamp(QueueKey key) {
        return stripes.get(stripe(key));
    }

    /** Caches a loaded entry unless the key was invalidated since {@code stamp}, never replacing a newer one. */
    void putIfUnchanged(long stamp, CatalogueEntry entry) {
        QueueKey key = entry.key();
        if (!enabled || stripes.get(stripe(key)) != stamp) {
            return;
        }
        cache.asMap().merge(key, entry, (old, fresh) -> fresh.isNewerThan(old) ? fresh : old);
        if (stripes.get(stripe(key)) != stamp) {
            cache.asMap().remove(key, entry);
        }
    }

    /** Applies an invalidation event: evicts the key unless the cached entry is exactly the announced one. */
    void apply(CatalogueEvent event) {
        stripes.incrementAndGet(stripe(event.key()));
        cache.asMap().computeIfPresent(event.key(), (key, cached) -> event.confirms(cached) ? cached : null);
    }

    void invalidate(QueueKey key) {
        stripes.incrementAndGet(stripe(key));
        cache.invalidate(key);
    }

    /** Drops everything (after the invalidation stream was interrupted). */
    void clear() {
        for (int i = 0; i < STRIPES; i++) {
            stripes.incrementAndGet(i);
        }
        cache.invalidateAll();
    }

    /** Replaces {@code old} with a re-read entry if that is newer, or removes it if the re-read found none. */
    void refresh(QueueKey key, CatalogueEntry old, CatalogueEntry reread) {
        if (reread == null) {
            cache.asMap().remove(key, old);
        } else if (reread.isNewerThan(old)) {
            cache.asMap().replace(key, old, reread);
        }
    }

    /** A snapshot of the cached entries, for the periodic refresh. */
    List<CatalogueEntry> snapshot() {
        return new ArrayList<>(cache.asMap().values());
    }

    long size() {
        return cache.estimatedSize();
    }

    private static int stripe(QueueKey key) {
        return (key.hashCode() & 0x7fffffff) % STRIPES;
    }
}
