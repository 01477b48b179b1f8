package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Messages of the in-memory store. Every operation runs under the queue's lock, so a batch gets
 * consecutive positions after every earlier batch and is visible all at once.
 */
final class InMemoryMessageStore implements MessageStore {

    private final QueueRegistry registry;
    private final Clock clock;

    InMemoryMessageStore(QueueRegistry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<List<String>> post(QueueRef ref, List<NewMessage> messages, String clientId) {
        requireNonNull(ref, "ref");
        List<String> ids = messages.stream().map(m -> Ids.next()).toList();
        return Stages.call(() -> registry.withQueue(ref, state -> {
            long now = clock.millis();
            for (int i = 0; i < ids.size(); i++) {
                state.append(ids.get(i), messages.get(i), clientId, now);
            }
            return ids;
        }));
    }

    @Override
    public CompletionStage<MessagePage> list(QueueRef ref, MessageQuery query) {
        requireNonNull(query, "query");
        MessagePage none = MessagePage.empty(query.afterPosition());
        return Stages.call(() -> registry.withExisting(ref, state -> page(state, query), none));
    }

    @Override
    public CompletionStage<Optional<Message>> get(QueueRef ref, String id) {
        requireNonNull(id, "id");
        return Stages.call(() -> Optional.ofNullable(
                registry.withExisting(ref, state -> state.find(id, clock.millis()), null)));
    }

    @Override
    public CompletionStage<List<Message>> get(QueueRef ref, List<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        return Stages.call(() -> registry.withExisting(ref, state -> found(state, distinct), List.of()));
    }

    @Override
    public CompletionStage<Void> delete(QueueRef ref, String id, String claimId) {
        requireNonNull(id, "id");
        return Stages.run(() -> registry.withExisting(ref, state -> {
            long now = clock.millis();
            Message message = state.find(id, now);
            if (message != null) {
                DeletePermission.check(state, message, claimId, now);
                state.remove(id);
            }
            return null;
        }, null));
    }

    @Override
    public CompletionStage<Void> delete(QueueRef ref, List<String> ids) {
        List<String> copy = List.copyOf(ids);
        return Stages.run(() -> registry.withExisting(ref, state -> {
            copy.forEach(state::remove);
            return null;
        }, null));
    }

    @Override
    public CompletionStage<List<Message>> pop(QueueRef ref, int limit) {
        return Stages.call(() -> registry.withExisting(ref, state -> pop(state, limit), List.of()));
    }

    @Override
    public CompletionStage<Void> purge(QueueRef ref) {
        return Stages.run(() -> registry.withExisting(ref, state -> {
            state.clear();
            return null;
        }, null));
    }

    private MessagePage page(QueueState state, MessageQuery query) {
        long now = clock.millis();
        List<Message> page = new ArrayList<>(query.limit());
        long lastExamined = query.afterPosition();
        Iterator<Message> it = state.live(query.afterPosition(), now);
        while (page.size() < query.limit() && it.hasNext()) {
            Message message = it.next();
            lastExamined = message.position();
            if (query.accepts(message, now)) {
                page.add(message);
            }
        }
        return page.isEmpty() ? MessagePage.empty(query.afterPosition()) : new MessagePage(page, lastExamined);
    }

    private List<Message> found(QueueState state, List<String> ids) {
        long now = clock.millis();
        return ids.stream()
                .map(id -> state.find(id, now))
                .filter(message -> message != null)
                .sorted(Comparator.comparingLong(Message::position))
                .toList();
    }

    private List<Message> pop(QueueState state, int limit) {
        long now = clock.millis();
        List<Message> popped = new ArrayList<>(Math.min(limit, 100));
        Iterator<Message> it = state.live(MessageQuery.FROM_HEAD, now);
        while (popped.size() < limit && it.hasNext()) {
            Message message = it.next();
            if (!message.isClaimed(now) && !message.isDelayed(now)) {
                popped.add(message);
            }
        }
        popped.forEach(message -> state.remove(message.id()));
        return popped;
    }
}
