package io.shardq.partition.http;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.shardq.common.metrics.RequestTimers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A request timer and an error meter per route, made once at start-up in the injected registry. */
public final class RouteMetrics {

    private static final String UNMATCHED = "unmatched";

    private final Map<String, Timer> timers = new HashMap<>();
    private final Map<String, Meter> errors = new HashMap<>();

    public RouteMetrics(MetricRegistry registry, List<Route> routes) {
        for (Route route : routes) {
            register(registry, route.name());
        }
        register(registry, UNMATCHED);
    }

    private void register(MetricRegistry registry, String name) {
        timers.computeIfAbsent(name, n -> RequestTimers.timer(registry, MetricRegistry.name(RequestHandler.class, n, "requests")));
        errors.computeIfAbsent(name, n -> registry.meter(MetricRegistry.name(RequestHandler.class, n, "errors")));
    }

    /** Records one finished request of {@code route} (null: no route matched). */
    public void record(Route route, long startNanos, int status) {
        String name = route == null ? UNMATCHED : route.name();
        timers.get(name).update(System.nanoTime() - startNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (status >= 400) {
            errors.get(name).mark();
        }
    }
}
