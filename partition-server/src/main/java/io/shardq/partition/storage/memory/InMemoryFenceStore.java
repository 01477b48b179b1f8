package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Touched;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Fences of the in-memory store: one {@link FenceEntry} per queue that has a fence other than active or an
 * open write lease (idle entries are dropped, so the table stays as small as the set of busy queues).
 *
 * <p>A freeze completes when the last lease it waits for closes, on the closing thread. Leases older than
 * the lease timeout are not waited for: while a freeze waits, a timer re-checks their age (by the store's
 * clock) every {@link #RECHECK_INTERVAL}.
 */
final class InMemoryFenceStore implements FenceStore, AutoCloseable {

    /** How often a waiting freeze re-checks the age of the leases it waits for: 100 milliseconds. */
    static final Duration RECHECK_INTERVAL = Duration.ofMillis(100);

    private final ConcurrentMap<QueueRef, FenceEntry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long leaseTimeoutMillis;
    private final ScheduledExecutorService timer;

    InMemoryFenceStore(Clock clock, Duration leaseTimeout) {
        this.clock = requireNonNull(clock, "clock");
        this.leaseTimeoutMillis = requireNonNull(leaseTimeout, "leaseTimeout").toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardq-memory-fences");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public CompletionStage<Fence> get(QueueRef ref) {
        requireNonNull(ref, "ref");
        FenceEntry entry = entries.get(ref);
        return CompletableFuture.completedFuture(entry == null ? Fence.ACTIVE : entry.fence());
    }

    @Override
    public CompletionStage<Void> set(QueueRef ref, Fence fence) {
        requireNonNull(ref, "ref");
        requireNonNull(fence, "fence");
        FenceEntry.Freeze freeze = withEntry(ref, entry -> entry.set(fence, oldestAwaited()));
        if (freeze == null) {
            return CompletableFuture.completedFuture(null);
        }
        scheduleRecheck(ref, freeze);
        return freeze.done().copy();
    }

    @Override
    public CompletionStage<Lease> enter(QueueRef ref, boolean write) {
        requireNonNull(ref, "ref");
        if (!write) {
            FenceEntry entry = entries.get(ref);
            Fence fence = entry == null ? Fence.ACTIVE : entry.fence();
            return fence.allowsReads() ? CompletableFuture.completedFuture(Lease.NONE)
                    : CompletableFuture.failedFuture(new QueueFencedException(ref, fence));
        }
        try {
            WriteLease lease = new WriteLease(ref, clock.millis());
            withEntry(ref, entry -> {
                entry.admit(lease);
                lease.journaling = entry.journaling();
                return null;
            });
            return CompletableFuture.completedFuture(lease);
        } catch (QueueFencedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Removes the queue's fence (back to active); leases and waiting freezes carry on. */
    void remove(QueueRef ref) {
        withEntry(ref, entry -> entry.set(Fence.ACTIVE, Long.MAX_VALUE));
    }

    @Override
    public CompletionStage<Void> startJournal(QueueRef ref) {
        requireNonNull(ref, "ref");
        FenceEntry.Freeze wait = withEntry(ref, entry -> entry.startJournal(oldestAwaited()));
        if (wait == null) {
            return CompletableFuture.completedFuture(null);
        }
        scheduleRecheck(ref, wait);
        return wait.done().copy();
    }

    @Override
    public CompletionStage<Journal> readJournal(QueueRef ref) {
        requireNonNull(ref, "ref");
        FenceEntry entry = entries.get(ref);
        if (entry == null) {
            return CompletableFuture.completedFuture(Journal.INCOMPLETE);
        }
        synchronized (entry) {
            return CompletableFuture.completedFuture(entry.isRetired() ? Journal.INCOMPLETE : entry.journal());
        }
    }

    @Override
    public CompletionStage<Void> stopJournal(QueueRef ref) {
        requireNonNull(ref, "ref");
        withEntry(ref, entry -> {
            entry.stopJournal();
            return null;
        });
        return CompletableFuture.completedFuture(null);
    }

    private void record(WriteLease lease, Touched touched) {
        FenceEntry entry = entries.get(lease.ref);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            if (!entry.isRetired()) {
                entry.record(touched);
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Runs {@code work} on the queue's entry under its lock, creating it if missing and dropping it if idle after. */
    private <T> T withEntry(QueueRef ref, Function<FenceEntry, T> work) {
        while (true) {
            FenceEntry entry = entries.computeIfAbsent(ref, FenceEntry::new);
            synchronized (entry) {
                if (entry.isRetired()) {
                    continue;
                }
                try {
                    return work.apply(entry);
                } finally {
                    retireIfIdle(ref, entry);
                }
            }
        }
    }

    private void retireIfIdle(QueueRef ref, FenceEntry entry) {
        if (entry.isIdle()) {
            entry.retire();
            entries.remove(ref, entry);
        }
    }

    private void release(WriteLease lease) {
        FenceEntry entry = entries.get(lease.ref);
        if (entry == null) {
            return;
        }
        List<FenceEntry.Freeze> done;
        synchronized (entry) {
            done = entry.release(lease);
            retireIfIdle(lease.ref, entry);
        }
        done.forEach(freeze -> freeze.done().complete(null));
    }

    private void recheck(QueueRef ref, FenceEntry.Freeze freeze) {
        FenceEntry entry = entries.get(ref);
        if (entry == null) {
            freeze.done().complete(null);
            return;
        }
        List<FenceEntry.Freeze> done;
        synchronized (entry) {
            done = entry.expire(oldestAwaited());
            retireIfIdle(ref, entry);
        }
        done.forEach(finished -> finished.done().complete(null));
        if (!freeze.done().isDone()) {
            scheduleRecheck(ref, freeze);
        }
    }

    private void scheduleRecheck(QueueRef ref, FenceEntry.Freeze freeze) {
        try {
            timer.schedule(() -> recheck(ref, freeze), RECHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the storage is closed: the freeze still completes when its leases close
        }
    }

    /** Leases that started before this (epoch millis) are too old to wait for. */
    private long oldestAwaited() {
        return clock.millis() - leaseTimeoutMillis;
    }

    /** A write lease; the first {@link #close()} releases it. */
    private final class WriteLease implements Lease, FenceEntry.WriteLease {

        private final QueueRef ref;
        private final long startMillis;
        private final AtomicBoolean closed = new AtomicBoolean();
        /** Set once, under the entry's lock, before the lease is handed out. */
        private volatile boolean journaling;

        WriteLease(QueueRef ref, long startMillis) {
            this.ref = ref;
            this.startMillis = startMillis;
        }

        @Override
        public long startMillis() {
            return startMillis;
        }

        @Override
        public boolean journaling() {
            return journaling;
        }

        @Override
        public CompletionStage<Void> record(Touched touched) {
            if (journaling && !closed.get()) {
                InMemoryFenceStore.this.record(this, touched);
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release(this);
            }
        }
    }
}
