package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed-loop worker, like a zaqar-bench greenlet: one request at a time on its own connection, each
 * step on a queue chosen at random, until the run's end; with a {@link Pacer}, each request waits for its
 * slot first. Subclasses say what one step is.
 */
abstract class Worker implements Runnable {

    protected final ZaqarApi api;
    protected final List<String> queues;
    private final RunClock clock;
    private final WorkerStats stats = new WorkerStats();
    /** Set before the worker's thread starts; then touched by that thread only. */
    private Pacer pacer = Pacer.UNPACED;

    Worker(ZaqarApi api, List<String> queues, RunClock clock) {
        this.api = requireNonNull(api, "api");
        this.queues = List.copyOf(queues);
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public final void run() {
        try {
            while (!clock.finished()) {
                step();
            }
        } finally {
            api.close();
        }
    }

    /** One iteration of the worker's loop: one or more timed requests. */
    protected abstract void step();

    /** Paces this worker's requests (before its thread starts). */
    Worker paced(Pacer pacer) {
        this.pacer = requireNonNull(pacer, "pacer");
        return this;
    }

    WorkerStats stats() {
        return stats;
    }

    protected String randomQueue() {
        return queues.get(ThreadLocalRandom.current().nextInt(queues.size()));
    }

    /**
     * Runs one request at its slot and records it when it started inside the measured window; the latency
     * runs from the moment it is sent, not from its slot.
     */
    protected HttpResult timed(Op op, Request request) {
        pacer.awaitSlot();
        long start = System.nanoTime();
        HttpResult result = request.send();
        long latency = System.nanoTime() - start;
        if (clock.counts(start)) {
            stats.record(op, result.status(), latency);
        }
        return result;
    }

    /** Whether the measured window includes now (for counters that are not latencies). */
    protected boolean counting() {
        return clock.counts(System.nanoTime());
    }

    @FunctionalInterface
    interface Request {
        HttpResult send();
    }
}
