package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.storage.QueueRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;

/**
 * Every queue of the store, ordered by project then name, with the locking protocol around them: callers
 * run their work inside {@link #withQueue} or {@link #withExisting}, which hold the queue's lock and retry
 * if the queue was deleted between lookup and lock.
 */
final class QueueRegistry {

    private final ConcurrentNavigableMap<QueueRef, QueueState> queues = new ConcurrentSkipListMap<>();

    /** Creates the queue with a copy of {@code metadata}; {@code false} if it already existed. */
    boolean create(QueueRef ref, ObjectNode metadata) {
        return queues.putIfAbsent(ref, new QueueState(ref, metadata)) == null;
    }

    /** The queue, or {@code null}. Lock it and check {@link QueueState#isDeleted()} before use. */
    QueueState find(QueueRef ref) {
        return queues.get(ref);
    }

    /** Runs {@code work} on the queue under its lock, creating the queue (empty metadata) if missing. */
    <T> T withQueue(QueueRef ref, Function<QueueState, T> work) {
        while (true) {
            QueueState state = queues.computeIfAbsent(ref, r -> new QueueState(r, emptyMetadata()));
            synchronized (state) {
                if (!state.isDeleted()) {
                    return work.apply(state);
                }
            }
        }
    }

    /** Runs {@code work} on the queue under its lock, or returns {@code absent} if there is no such queue. */
    <T> T withExisting(QueueRef ref, Function<QueueState, T> work, T absent) {
        QueueState state = queues.get(ref);
        if (state == null) {
            return absent;
        }
        synchronized (state) {
            return state.isDeleted() ? absent : work.apply(state);
        }
    }

    /** Deletes the queue with its messages and claims; {@code true} if it existed. */
    boolean delete(QueueRef ref) {
        QueueState state = queues.get(ref);
        if (state == null) {
            return false;
        }
        synchronized (state) {
            if (state.isDeleted()) {
                return false;
            }
            state.markDeleted();
            queues.remove(ref, state);
            return true;
        }
    }

    /** Up to {@code limit} queues of {@code project} named after {@code marker} ({@code null}: from the first). */
    List<QueueState> list(String project, String marker, int limit) {
        QueueRef from = new QueueRef(requireNonNull(project, "project"), marker == null ? "" : marker);
        List<QueueState> page = new ArrayList<>(Math.min(limit, 100));
        for (QueueState state : queues.tailMap(from, marker == null).values()) {
            if (page.size() >= limit || !state.ref().project().equals(project)) {
                break;
            }
            page.add(state);
        }
        return page;
    }

    long count(String project) {
        long count = 0;
        for (QueueRef ref : queues.tailMap(new QueueRef(requireNonNull(project, "project"), "")).keySet()) {
            if (!ref.project().equals(project)) {
                break;
            }
            count++;
        }
        return count;
    }

    /** Up to {@code limit} queues of every project ordered by {@link QueueRef}, after {@code after} ({@code null}: from the first). */
    List<QueueRef> refs(QueueRef after, int limit) {
        var tail = after == null ? queues : queues.tailMap(after, false);
        List<QueueRef> page = new ArrayList<>(Math.min(limit, 100));
        for (QueueRef ref : tail.keySet()) {
            if (page.size() >= limit) {
                break;
            }
            page.add(ref);
        }
        return page;
    }

    /** A weakly consistent view of every queue, for the sweeper. */
    Collection<QueueState> all() {
        return queues.values();
    }

    private static ObjectNode emptyMetadata() {
        return JsonNodeFactory.instance.objectNode();
    }
}
