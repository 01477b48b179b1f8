package io.shardq.common.metrics;

import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;

/**
 * Request timers for the hot path: the same exponentially decaying sample as Dropwizard's default timer,
 * kept without a lock (the default reservoir takes a read-write lock and a skip-list insert per update,
 * on every request of every event loop).
 */
public final class RequestTimers {

    private RequestTimers() {
    }

    /** The registry's timer of that name, made with a lock-free reservoir when it does not exist yet. */
    public static Timer timer(MetricRegistry registry, String name) {
        return registry.timer(name, () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
    }
}
