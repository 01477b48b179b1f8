package io.shardq.catalogue.internal.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.function.LongSupplier;

/** The caching catalogue's counters, made once per instance in the injected registry. */
final class CacheMetrics {

    final Counter localHits;
    final Counter redisHits;
    final Counter mongoLoads;
    final Counter degradedLookups;
    final Counter redisErrors;
    final Counter eventsReceived;
    final Counter eventsInvalid;
    final Counter refreshedEntries;

    CacheMetrics(MetricRegistry registry, LongSupplier localSize) {
        Class<?> owner = CachingCatalogue.class;
        localHits = registry.counter(MetricRegistry.name(owner, "lookups", "local-hits"));
        redisHits = registry.counter(MetricRegistry.name(owner, "lookups", "redis-hits"));
        mongoLoads = registry.counter(MetricRegistry.name(owner, "lookups", "mongo-loads"));
        degradedLookups = registry.counter(MetricRegistry.name(owner, "lookups", "degraded"));
        redisErrors = registry.counter(MetricRegistry.name(owner, "redis", "errors"));
        eventsReceived = registry.counter(MetricRegistry.name(owner, "events", "received"));
        eventsInvalid = registry.counter(MetricRegistry.name(owner, "events", "invalid"));
        refreshedEntries = registry.counter(MetricRegistry.name(owner, "refresh", "entries"));
        registry.gauge(MetricRegistry.name(owner, "local", "size"), () -> localSize::getAsLong);
    }
}
