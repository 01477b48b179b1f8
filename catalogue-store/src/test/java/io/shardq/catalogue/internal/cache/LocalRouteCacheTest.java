package io.shardq.catalogue.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.QueueKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LocalRouteCacheTest {

    private static final QueueKey KEY = QueueKey.of("p", "q");
    private static final CatalogueEntry V1 = CatalogueEntry.of(KEY, "a", Instant.ofEpochMilli(1000));
    private static final CatalogueEntry V2 = new CatalogueEntry(KEY, "b", EntryState.ACTIVE, 2,
            Instant.ofEpochMilli(1000), null);

    private final LocalRouteCache cache = new LocalRouteCache(100);

    @Test
    void loadFinishingAfterAnInvalidationIsNotCached() {
        long stamp = cache.stamp(KEY);
        cache.apply(CatalogueEvent.upsert(V2));
        cache.putIfUnchanged(stamp, V1);
        assertThat(cache.get(KEY)).isNull();
    }

    @Test
    void olderEntryNeverReplacesANewerOne() {
        cache.putIfUnchanged(cache.stamp(KEY), V2);
        cache.putIfUnchanged(cache.stamp(KEY), V1);
        assertThat(cache.get(KEY)).isEqualTo(V2);
    }

    @Test
    void eventForTheCachedVersionKeepsItAndAnyOtherEvicts() {
        cache.putIfUnchanged(cache.stamp(KEY), V2);
        cache.apply(CatalogueEvent.upsert(V2));
        assertThat(cache.get(KEY)).isEqualTo(V2);
        cache.apply(CatalogueEvent.delete(V2));
        assertThat(cache.get(KEY)).isNull();
    }

    @Test
    void refreshReplacesWithNewerAndRemovesDeleted() {
        cache.putIfUnchanged(cache.stamp(KEY), V1);
        cache.refresh(KEY, V1, V2);
        assertThat(cache.get(KEY)).isEqualTo(V2);
        cache.refresh(KEY, V2, null);
        assertThat(cache.get(KEY)).isNull();
    }

    @Test
    void clearDropsEntriesAndInFlightLoads() {
        cache.putIfUnchanged(cache.stamp(KEY), V1);
        long stamp = cache.stamp(KEY);
        cache.clear();
        cache.putIfUnchanged(stamp, V2);
        assertThat(cache.get(KEY)).isNull();
        assertThat(cache.size()).isZero();
    }
}
