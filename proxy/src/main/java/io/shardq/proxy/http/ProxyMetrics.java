package io.shardq.proxy.http;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.shardq.common.metrics.RequestTimers;
import io.shardq.proxy.routing.RequestKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A timer and an error meter per kind of request, made once in the injected registry. */
public final class ProxyMetrics {

    private final Map<RequestKind, Timer> timers = new EnumMap<>(RequestKind.class);
    private final Map<RequestKind, Meter> errors = new EnumMap<>(RequestKind.class);

    public ProxyMetrics(MetricRegistry registry) {
        for (RequestKind kind : RequestKind.values()) {
            String name = kind.name().toLowerCase(java.util.Locale.ROOT);
            timers.put(kind, RequestTimers.timer(registry, MetricRegistry.name(ProxyDispatcher.class, name, "requests")));
            errors.put(kind, registry.meter(MetricRegistry.name(ProxyDispatcher.class, name, "errors")));
        }
    }

    public void record(RequestKind kind, long startNanos, int status) {
        timers.get(kind).update(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        if (status >= 500) {
            errors.get(kind).mark();
        }
    }
}
