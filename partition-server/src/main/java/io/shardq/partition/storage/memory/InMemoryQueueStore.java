package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStats;
import io.shardq.partition.storage.QueueStore;
import java.time.Clock;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Queues and metadata of the in-memory store. Metadata is copied on the way in and on the way out. */
final class InMemoryQueueStore implements QueueStore {

    private final QueueRegistry registry;
    private final Clock clock;

    InMemoryQueueStore(QueueRegistry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Boolean> create(QueueRef ref, ObjectNode metadata) {
        requireNonNull(ref, "ref");
        requireNonNull(metadata, "metadata");
        return Stages.call(() -> registry.create(ref, metadata));
    }

    @Override
    public CompletionStage<Optional<ObjectNode>> metadata(QueueRef ref) {
        return Stages.call(() -> Optional.ofNullable(registry.withExisting(ref, QueueState::metadata, null)));
    }

    @Override
    public CompletionStage<Void> replaceMetadata(QueueRef ref, ObjectNode metadata) {
        requireNonNull(metadata, "metadata");
        return Stages.run(() -> {
            boolean found = registry.withExisting(ref, state -> {
                state.replaceMetadata(metadata);
                return true;
            }, false);
            if (!found) {
                throw new QueueNotFoundException(ref);
            }
        });
    }

    @Override
    public CompletionStage<Boolean> delete(QueueRef ref) {
        return Stages.call(() -> registry.delete(ref));
    }

    @Override
    public CompletionStage<QueuePage> list(String project, String marker, int limit, boolean detailed) {
        return Stages.call(() -> {
            List<QueuePage.Entry> entries = registry.list(project, marker, limit).stream()
                    .map(state -> new QueuePage.Entry(state.ref().queue(), detailed ? state.metadata() : null))
                    .toList();
            return new QueuePage(entries);
        });
    }

    @Override
    public CompletionStage<Long> count(String project) {
        return Stages.call(() -> registry.count(project));
    }

    @Override
    public CompletionStage<QueueStats> stats(QueueRef ref) {
        return Stages.call(() -> registry.withExisting(ref, this::stats, QueueStats.EMPTY));
    }

    private QueueStats stats(QueueState state) {
        long now = clock.millis();
        long claimed = 0;
        long free = 0;
        Message oldest = null;
        Message newest = null;
        for (Iterator<Message> it = state.live(MessageQuery.FROM_HEAD, now); it.hasNext(); ) {
            Message message = it.next();
            if (message.isClaimed(now)) {
                claimed++;
            } else {
                free++;
            }
            oldest = oldest == null ? message : oldest;
            newest = message;
        }
        return new QueueStats(claimed, free, oldest, newest);
    }
}
