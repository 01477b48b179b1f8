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
 * @param leaseTimeout     how long a write lease is honoured: a freeze does not wait for a lease taken longer
 *                         ago than this (by the storage clock), so a node that crashed inside a write delays
 *                         freezes at most this long; default 10 s
 */
public record MongoStorageSettings(int threads, int queuedCalls, Duration timeout, Duration stallWindow,
                                   Duration ttlIndexMargin, Duration leaseTimeout) {

    public static final int DEFAULT_THREADS = 32;
    public static final int DEFAULT_QUEUED_CALLS = 10_000;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STALL_WINDOW = Duration.ofSeconds(15);
    public static final Duration DEFAULT_TTL_INDEX_MARGIN = Duration.ofDays(1);
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(10);

    public static final MongoStorageSettings DEFAULTS = new MongoStorageSettings(DEFAULT_THREADS,
            DEFAULT_QUEUED_CALLS, DEFAULT_TIMEOUT, DEFAULT_STALL_WINDOW, DEFAULT_TTL_INDEX_MARGIN,
            DEFAULT_LEASE_TIMEOUT);

    public MongoStorageSettings {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        if (queuedCalls < 1) {
            throw new IllegalArgumentException("queuedCalls: " + queuedCalls + " (expected: >= 1)");
        }
        requirePositive(timeout, "timeout");
        requirePositive(stallWindow, "stallWindow");
        requirePositive(leaseTimeout, "leaseTimeout");
    }

    /** Settings with the default lease timeout. */
    public MongoStorageSettings(int threads, int queuedCalls, Duration timeout, Duration stallWindow,
                                Duration ttlIndexMargin) {
        this(threads, queuedCalls, timeout, stallWindow, ttlIndexMargin, DEFAULT_LEASE_TIMEOUT);
    }

    public MongoStorageSettings withThreads(int newThreads) {
        return new MongoStorageSettings(newThreads, queuedCalls, timeout, stallWindow, ttlIndexMargin, leaseTimeout);
    }

    public MongoStorageSettings withStallWindow(Duration newStallWindow) {
        return new MongoStorageSettings(threads, queuedCalls, timeout, newStallWindow, ttlIndexMargin, leaseTimeout);
    }

    public MongoStorageSettings withTtlIndexMargin(Duration newMargin) {
        return new MongoStorageSettings(threads, queuedCalls, timeout, stallWindow, newMargin, leaseTimeout);
    }

    public MongoStorageSettings withLeaseTimeout(Duration newLeaseTimeout) {
        return new MongoStorageSettings(threads, queuedCalls, timeout, stallWindow, ttlIndexMargin, newLeaseTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + ": " + duration + " (expected: > 0)");
        }
    }
}
