package io.shardq.partition.storage.redis;

import static io.lettuce.core.ScriptOutputType.INTEGER;
import static io.lettuce.core.ScriptOutputType.MULTI;

import io.shardq.partition.storage.InvalidClaimException;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.MessageNotClaimedException;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Messages in Redis: every operation is one script over the queue's keys (see {@link RedisKeys}). */
final class RedisMessageStore implements MessageStore {

    private final RedisScripts scripts;
    private final RedisKeys keys;
    private final Clock clock;

    RedisMessageStore(RedisScripts scripts, RedisKeys keys, Clock clock) {
        this.scripts = scripts;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<List<String>> post(QueueRef ref, List<NewMessage> messages, String clientId) {
        List<String> ids = new ArrayList<>(messages.size());
        List<String> args = new ArrayList<>(3 + 4 * messages.size());
        args.add(now());
        args.add(ref.queue());
        args.add(clientId == null ? "" : clientId);
        for (NewMessage message : messages) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            args.add(id);
            args.add(Integer.toString(message.ttlSeconds()));
            args.add(Integer.toString(message.delaySeconds()));
            args.add(message.body());
        }
        return scripts.<Long>run(RedisScript.POST, INTEGER, keys(ref), args.toArray(String[]::new))
                .thenApply(first -> List.copyOf(ids));
    }

    @Override
    public CompletionStage<MessagePage> list(QueueRef ref, MessageQuery query) {
        return scripts.<List<Object>>run(RedisScript.LIST, MULTI, keys(ref), now(),
                        Long.toString(query.afterPosition()), Integer.toString(query.limit()),
                        query.clientId() == null ? "" : query.clientId(), flag(query.echo()),
                        flag(query.includeClaimed()), flag(query.includeDelayed()))
                .thenApply(reply -> new MessagePage(RedisReplies.messages(reply, 1),
                        RedisReplies.number(reply.get(0))));
    }

    @Override
    public CompletionStage<Optional<Message>> get(QueueRef ref, String id) {
        return get(ref, List.of(id)).thenApply(found -> found.stream().findFirst());
    }

    @Override
    public CompletionStage<List<Message>> get(QueueRef ref, List<String> ids) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        String[] args = new String[ids.size() + 1];
        args[0] = now();
        for (int i = 0; i < ids.size(); i++) {
            args[i + 1] = ids.get(i);
        }
        return scripts.<List<Object>>run(RedisScript.GET_MESSAGES, MULTI, keys(ref), args)
                .thenApply(reply -> RedisReplies.messages(reply, 0).stream()
                        .distinct()
                        .sorted(Comparator.comparingLong(Message::position))
                        .toList());
    }

    @Override
    public CompletionStage<Void> delete(QueueRef ref, String id, String claimId) {
        return scripts.<Long>run(RedisScript.DELETE_MESSAGE, INTEGER, keys(ref), now(), id,
                        claimId == null ? "" : claimId)
                .thenApply(code -> checkDeleted(code.intValue(), id, claimId));
    }

    private static Void checkDeleted(int code, String id, String claimId) {
        switch (code) {
            case 0 -> {
                return null;
            }
            case 1 -> throw new MessageClaimedException(id);
            case 2 -> throw new MessageNotClaimedException(id);
            default -> throw new InvalidClaimException(claimId);
        }
    }

    @Override
    public CompletionStage<Void> delete(QueueRef ref, List<String> ids) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return scripts.<Long>run(RedisScript.DELETE_MESSAGES, INTEGER, keys(ref), ids.toArray(String[]::new))
                .thenApply(reply -> null);
    }

    @Override
    public CompletionStage<List<Message>> pop(QueueRef ref, int limit) {
        return scripts.<List<Object>>run(RedisScript.POP, MULTI, keys(ref), now(), Integer.toString(limit))
                .thenApply(reply -> RedisReplies.messages(reply, 0));
    }

    @Override
    public CompletionStage<Void> purge(QueueRef ref) {
        return scripts.<Long>run(RedisScript.PURGE, INTEGER, keys(ref)).thenApply(reply -> null);
    }

    private String[] keys(QueueRef ref) {
        return keys.queue(ref).all();
    }

    private String now() {
        return Long.toString(clock.millis());
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }
}
