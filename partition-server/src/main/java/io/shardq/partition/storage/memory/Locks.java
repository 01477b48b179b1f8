package io.shardq.partition.storage.memory;

import java.util.function.Supplier;

/** Holds two queue locks at once, always taken in {@code QueueRef} order so two claimers never deadlock. */
final class Locks {

    private Locks() {
    }

    /** Runs {@code work} holding the locks of {@code a} and of {@code b} (which may be {@code null} or {@code a}). */
    static <T> T both(QueueState a, QueueState b, Supplier<T> work) {
        if (b == null || b == a) {
            synchronized (a) {
                return work.get();
            }
        }
        QueueState first = a.ref().compareTo(b.ref()) < 0 ? a : b;
        QueueState second = first == a ? b : a;
        synchronized (first) {
            synchronized (second) {
                return work.get();
            }
        }
    }
}
