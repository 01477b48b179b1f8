package io.shardq.loadgen;

/**
 * The time line of a run, in {@link System#nanoTime()} units: workers start at once, samples count from
 * {@code recordFrom} (after the warm-up) and workers stop issuing requests at {@code end}.
 */
record RunClock(long recordFrom, long end) {

    static RunClock startingNow(int warmupSeconds, int durationSeconds) {
        long now = System.nanoTime();
        long recordFrom = now + warmupSeconds * 1_000_000_000L;
        return new RunClock(recordFrom, recordFrom + durationSeconds * 1_000_000_000L);
    }

    boolean finished() {
        return System.nanoTime() - end >= 0;
    }

    /** Whether a request that started at {@code startNanos} counts in the results. */
    boolean counts(long startNanos) {
        return startNanos - recordFrom >= 0 && startNanos - end < 0;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }
}
