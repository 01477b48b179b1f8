package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Touched;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One queue's fence, the write leases that passed it and the freezes waiting for those leases. Every
 * method except {@link #fence()} must be called holding this object's monitor; futures it hands back are
 * completed by the caller after releasing it.
 */
final class FenceEntry {

    private final QueueRef ref;
    private final Set<WriteLease> leases = new HashSet<>();
    private final List<Freeze> freezes = new ArrayList<>();
    /** Read without the lock by readers and {@code get}; written under it. */
    private volatile Fence fence = Fence.ACTIVE;
    private boolean retired;
    /** The change journal: {@code null} when off; emptied once incomplete (it then stops growing). */
    private Set<String> journal;
    private boolean journalComplete;

    FenceEntry(QueueRef ref) {
        this.ref = ref;
    }

    Fence fence() {
        return fence;
    }

    /** Counts a write lease, or throws {@link QueueFencedException} when the fence refuses writes. */
    void admit(WriteLease lease) {
        if (!fence.allowsWrites()) {
            throw new QueueFencedException(ref, fence);
        }
        leases.add(lease);
    }

    /** Whether writes admitted now must record what they change. */
    boolean journaling() {
        return journal != null;
    }

    /**
     * Starts the journal afresh; returns a freeze waiting for the write leases younger than
     * {@code oldestAwaited}, or {@code null} when none is open.
     */
    Freeze startJournal(long oldestAwaited) {
        journal = new HashSet<>();
        journalComplete = true;
        markIfStale(oldestAwaited);
        return await(oldestAwaited);
    }

    void stopJournal() {
        journal = null;
        journalComplete = false;
    }

    /** Adds a write's change to the journal, when it is on and still complete. */
    void record(Touched touched) {
        if (journal == null || !journalComplete) {
            return;
        }
        if (touched.unknown() || journal.size() + touched.ids().size() > Journal.MAX_IDS) {
            journalComplete = false;
            journal.clear();
            return;
        }
        journal.addAll(touched.ids());
    }

    Journal journal() {
        return journal == null || !journalComplete ? Journal.INCOMPLETE : Journal.of(Set.copyOf(journal));
    }

    /**
     * Sets the fence. When it blocks writes, returns a freeze waiting for the leases younger than
     * {@code oldestAwaited} (epoch millis), or {@code null} when there are none to wait for.
     */
    Freeze set(Fence newFence, long oldestAwaited) {
        fence = newFence;
        if (newFence.allowsWrites()) {
            return null;
        }
        markIfStale(oldestAwaited);
        return await(oldestAwaited);
    }

    /** A journaled write whose lease went stale may have changed what it never recorded. */
    private void markIfStale(long oldestAwaited) {
        if (journal != null && leases.stream().anyMatch(lease -> lease.startMillis() < oldestAwaited)) {
            record(Touched.UNKNOWN);
        }
    }

    private Freeze await(long oldestAwaited) {
        Set<WriteLease> awaited = new HashSet<>();
        for (WriteLease lease : leases) {
            if (lease.startMillis() >= oldestAwaited) {
                awaited.add(lease);
            }
        }
        if (awaited.isEmpty()) {
            return null;
        }
        Freeze freeze = new Freeze(awaited, new CompletableFuture<>());
        freezes.add(freeze);
        return freeze;
    }

    /** Forgets a closed lease; returns the freezes it was the last lease of. */
    List<Freeze> release(WriteLease lease) {
        leases.remove(lease);
        return settle(awaited -> awaited.remove(lease));
    }

    /** Stops waiting for leases started before {@code oldestAwaited}; returns the freezes that are now done. */
    List<Freeze> expire(long oldestAwaited) {
        if (!freezes.isEmpty()) {
            markIfStale(oldestAwaited);
        }
        return settle(awaited -> awaited.removeIf(lease -> lease.startMillis() < oldestAwaited));
    }

    /** True when this entry says nothing the default does not: active, no leases, nobody waiting. */
    boolean isIdle() {
        return fence.state() == Fence.State.ACTIVE && leases.isEmpty() && freezes.isEmpty() && journal == null;
    }

    /** Marks the entry removed from the table; whoever finds it afterwards looks again. */
    void retire() {
        retired = true;
    }

    boolean isRetired() {
        return retired;
    }

    private List<Freeze> settle(Consumer<Set<WriteLease>> change) {
        List<Freeze> done = new ArrayList<>(0);
        for (Iterator<Freeze> it = freezes.iterator(); it.hasNext(); ) {
            Freeze freeze = it.next();
            change.accept(freeze.awaited());
            if (freeze.awaited().isEmpty()) {
                it.remove();
                done.add(freeze);
            }
        }
        return done;
    }

    /** A fence change that blocked writes (or a journal start), waiting for the leases open when it was set. */
    record Freeze(Set<WriteLease> awaited, CompletableFuture<Void> done) {
    }

    /** A write that passed the fence at {@code startMillis}; closing twice releases once. */
    interface WriteLease {
        long startMillis();
    }
}
