package io.shardq.partition.storage.mongo;

import java.time.Duration;

/**
 * Tunables of the MongoDB driver. Options given in the connection string (for example
 * {@code serverSelectionTimeoutMS}) win over these defaults.
 *
 * @param threads          threads that run blocking driver calls; default {@value #DEFAULT_THREADS}
 * @param queuedCalls      calls that may wait for a thread before new ones fail fast; default {@value #DEFAULT_QUEUED_CALLS}
 * @param timeout          server selection, connect and socket read timeout; default 5 s
 * @param stallWindow      how long a reserved but uncommitted batch may hold back later batches before
 *                         it is aborted (its poster crashed or hung); default 15 s
 * @param ttlIndexMargin   how long after a message or claim expired the TTL monitor may delete it, as a
 *                         garbage-collection backstop only (reads never rely on it); {@code null}: no TTL
 *                         index; default 1 day
 */
public record MongoStorageSettings(int threads, int queuedCalls, Duration timeout, Duration stallWindow,
                                   Duration ttlIndexMargin) {

    public static final int DEFAULT_THREADS = 32;
    public static final int DEFAULT_QUEUED_CALLS = 10_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STALL_WINDOW = Duration.ofSeconds(15);
    public static final Duration DEFAULT_TTL_INDEX_MARGIN = Duration.ofDays(1);

    public static final MongoStorageSettings DEFAULTS = new MongoStorageSettings(DEFAULT_THREADS,
            DEFAULT_QUEUED_CALLS, DEFAULT_TIMEOUT, DEFAULT_STALL_WINDOW, DEFAULT_TTL_INDEX_MARGIN);

    public MongoStorageSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        if (queuedCalls < 1) {
            throw new IllegalArgumentException("queuedCalls: " + queuedCalls + " (expected: >= 1)");
        }
        requirePositive(timeout, "timeout");
        requirePositive(stallWindow, "stallWindow");
    }

    public MongoStorageSettings withThreads(int newThreads) {
        return new MongoStorageSettings(newThreads, queuedCalls, timeout, stallWindow, ttlIndexMargin);
    }

    public MongoStorageSettings withStallWindow(Duration newStallWindow) {
        return new MongoStorageSettings(threads, queuedCalls, timeout, newStallWindow, ttlIndexMargin);
    }

    public MongoStorageSettings withTtlIndexMargin(Duration newMargin) {
        return new MongoStorageSettings(threads, queuedCalls, timeout, stallWindow, newMargin);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + ": " + duration + " (expected: > 0)");
        }
    }
}
