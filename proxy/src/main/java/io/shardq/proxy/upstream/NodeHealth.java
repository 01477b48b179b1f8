package io.shardq.proxy.upstream;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether one node should get traffic. Passive: a connect failure or a 5xx ejects it for a back-off
 * that doubles with consecutive failures (from {@value #BASE_EJECTION_MILLIS} ms up to
 * {@value #MAX_EJECTION_MILLIS} ms); any success readmits it. Active checks report the same way.
 */
public final class NodeHealth {

    public static final long BASE_EJECTION_MILLIS = 500;
    public static final long MAX_EJECTION_MILLIS = 10_000;

    private final Clock clock;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicLong ejectedUntil = new AtomicLong();

    public NodeHealth(Clock clock) {
        this.clock = clock;
    }

    public boolean isHealthy() {
        return clock.millis() >= ejectedUntil.get();
    }

    public void succeeded() {
        failures.set(0);
        ejectedUntil.set(0);
    }

    public void failed() {
        int count = failures.incrementAndGet();
        long backoff = Math.min(MAX_EJECTION_MILLIS, BASE_EJECTION_MILLIS << Math.min(count - 1, 10));
        ejectedUntil.set(clock.millis() + backoff);
    }

    public int consecutiveFailures() {
        return failures.get();
    }
}
