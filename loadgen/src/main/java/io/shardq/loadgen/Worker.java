package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A closed-loop worker, like a zaqar-bench greenlet: one request at a time on its own connection, each
 * step on a queue chosen at random, until the run's end. Subclasses say what one step is.
 */
abstract class Worker implements Runnable {

    protected final ZaqarApi api;
    protected final List<String> queues;
    private final RunClock clock;
    private final WorkerStats stats = new WorkerStats();

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

    WorkerStats stats() {
        return stats;
    }

    protected String randomQueue() {
        return queues.get(ThreadLocalRandom.current().nextInt(queues.size()));
    }

    /** Runs one request and records it when it started inside the measured window. */
    protected HttpResult timed(Op op, Request request) {
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
