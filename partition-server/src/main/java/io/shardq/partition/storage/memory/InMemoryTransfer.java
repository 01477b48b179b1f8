package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.StatePage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Raw export and import of the in-memory store, each page under the queue's lock. Fences are not checked
 * here (agents work on frozen queues); {@link #drop} removes the queue's fence with its data unless told to keep it.
 */
final class InMemoryTransfer implements QueueTransfer {

    private final QueueRegistry registry;
    private final InMemoryFenceStore fences;
    private final Clock clock;

    InMemoryTransfer(QueueRegistry registry, InMemoryFenceStore fences, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.fences = requireNonNull(fences, "fences");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<ExportPage> export(QueueRef ref, long afterPosition, int limit) {
        return Stages.call(() -> {
            ExportPage page = registry.withExisting(ref, state -> export(state, afterPosition, limit), null);
            if (page == null) {
                throw new QueueNotFoundException(ref);
            }
            return page;
        });
    }

    @Override
    public CompletionStage<Void> importPage(QueueRef ref, ExportPage page) {
        requireNonNull(page, "page");
        return Stages.run(() -> registry.withQueue(ref, state -> {
            PageImport.apply(state, page, clock.millis());
            return null;
        }));
    }

    @Override
    public CompletionStage<StatePage> states(QueueRef ref, long afterPosition, int limit) {
        StatePage none = new StatePage(List.of(), afterPosition, true);
        return Stages.call(() -> registry.withExisting(ref, state -> {
            Page<MessageState> page = page(state, afterPosition, limit, MessageState::of);
            return new StatePage(page.items(), page.cursor(), page.done());
        }, none));
    }

    @Override
    public CompletionStage<Void> applyStates(QueueRef ref, List<MessageState> states) {
        List<MessageState> copy = List.copyOf(states);
        return Stages.run(() -> registry.withExisting(ref, state -> {
            PageImport.applyStates(state, copy, clock.millis());
            return null;
        }, null));
    }

    @Override
    public CompletionStage<Void> deleteMessages(QueueRef ref, List<String> ids) {
        List<String> copy = List.copyOf(ids);
        return Stages.run(() -> registry.withExisting(ref, state -> {
            copy.forEach(state::remove);
            return null;
        }, null));
    }

    @Override
    public CompletionStage<Void> drop(QueueRef ref, boolean keepFence) {
        requireNonNull(ref, "ref");
        return Stages.run(() -> {
            registry.delete(ref);
            fences.stopJournal(ref);
            if (!keepFence) {
                fences.remove(ref);
            }
        });
    }

    @Override
    public CompletionStage<List<QueueRef>> queues(QueueRef after, int limit) {
        return Stages.call(() -> registry.refs(after, limit));
    }

    private ExportPage export(QueueState state, long afterPosition, int limit) {
        long now = clock.millis();
        Page<Message> page = page(state, afterPosition, limit, Function.identity());
        List<Claim> claims = state.claims().stream()
                .filter(record -> record.isActive(now))
                .sorted(Comparator.comparing(ClaimRecord::id))
                .map(record -> new Claim(record.id(), record.ttl(), record.grace(), record.renewedMillis(),
                        record.expiresMillis(), List.of()))
                .toList();
        return new ExportPage(state.metadata(), state.lastPosition(), page.items(), claims, page.cursor(), page.done());
    }

    /** Up to {@code limit} unexpired messages after {@code afterPosition}, mapped, with the cursor to go on from. */
    private <T> Page<T> page(QueueState state, long afterPosition, int limit, Function<Message, T> mapper) {
        List<T> items = new ArrayList<>(Math.min(limit, 1_000));
        long cursor = afterPosition;
        Iterator<Message> live = state.live(afterPosition, clock.millis());
        while (items.size() < limit && live.hasNext()) {
            Message message = live.next();
            items.add(mapper.apply(message));
            cursor = message.position();
        }
        return new Page<>(items, cursor, !live.hasNext());
    }

    private record Page<T>(List<T> items, long cursor, boolean done) {
    }
}
