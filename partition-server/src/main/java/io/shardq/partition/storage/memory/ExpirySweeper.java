package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frees the memory of expired messages and claims nobody touches again. Reads already skip (and drop)
 * them, so correctness never depends on this; it only bounds memory. One queue is locked at a time.
 */
final class ExpirySweeper implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ExpirySweeper.class);

    private final QueueRegistry registry;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    /** Starts sweeping every {@code interval}; a zero or negative interval never sweeps on its own. */
    ExpirySweeper(QueueRegistry registry, Clock clock, Duration interval) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardq-memory-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        if (interval.toMillis() > 0) {
            executor.scheduleWithFixedDelay(this::sweepSafely, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /** Drops every expired message and claim now; returns how many messages went. */
    long sweep() {
        long removed = 0;
        for (QueueState state : registry.all()) {
            synchronized (state) {
                removed += state.sweep(clock.millis());
            }
        }
        return removed;
    }

    private void sweepSafely() {
        try {
            long removed = sweep();
            logger.debug("Swept {} expired messages", removed);
        } catch (RuntimeException e) {
            logger.warn("Expiry sweep failed; will try again", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
