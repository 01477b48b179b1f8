package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Spaces one worker's requests evenly for {@code --rate}: each request waits for its slot, the previous
 * slot plus {@code intervalNanos}. Closed loop with pacing, not open loop: a request that overruns its
 * slot delays the next one (which then goes out at once), and a worker that fell more than one slot
 * behind starts again from now instead of bursting to catch up; so when the server cannot keep up, the
 * achieved rate falls below the offered one, and the report shows it. Touched by its worker's thread only.
 */
final class Pacer {

    /** Waits for nothing: the plain closed loop, each request sent as soon as the previous one returned. */
    static final Pacer UNPACED = new Pacer(0, 0, System::nanoTime, nanos -> { });

    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos);
    }

    private final long intervalNanos;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    /** When the next request may go out, in {@code clock} units. */
    private long next;

    Pacer(long intervalNanos, long firstSlot, LongSupplier clock, Sleeper sleeper) {
        this.intervalNanos = intervalNanos;
        this.next = firstSlot;
        this.clock = requireNonNull(clock, "clock");
        this.sleeper = requireNonNull(sleeper, "sleeper");
    }

    /**
     * A worker's share of {@code totalPerSecond} spread over {@code workers}, its first slot at
     * {@code phase} (a fraction of one interval, so that workers do not all fire together).
     */
    static Pacer forWorker(int totalPerSecond, int workers, double phase) {
        if (totalPerSecond <= 0) {
            return UNPACED;
        }
        long interval = Math.max(1, Math.round(1e9 * workers / totalPerSecond));
        return new Pacer(interval, System.nanoTime() + (long) (phase * interval), System::nanoTime,
                Pacer::parkNanos);
    }

    /** Returns at this request's slot (at once when unpaced or late) and moves on to the next slot. */
    void awaitSlot() {
        if (intervalNanos == 0) {
            return;
        }
        long now = clock.getAsLong();
        if (now - next > intervalNanos) {
            next = now;
        }
        long wait = next - now;
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
        next += intervalNanos;
    }

    long intervalNanos() {
        return intervalNanos;
    }

    private static void parkNanos(long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
