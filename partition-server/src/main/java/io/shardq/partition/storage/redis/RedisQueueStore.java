package io.shardq.partition.storage.redis;

import static io.lettuce.core.ScriptOutputType.INTEGER;
import static io.lettuce.core.ScriptOutputType.MULTI;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStats;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.StorageUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Queues in Redis: a per-queue info hash holding the metadata JSON, and a per-project sorted set of names
 * (all score 0, so {@code ZRANGEBYLEX} gives byte order).
 */
final class RedisQueueStore implements QueueStore {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String METADATA = "m";

    private final RedisScripts scripts;
    private final RedisKeys keys;
    private final Clock clock;
    private final RedisAsyncCommands<String, String> redis;

    RedisQueueStore(RedisScripts scripts, RedisAsyncCommands<String, String> redis,
                    RedisKeys keys, Clock clock) {
        this.scripts = scripts;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Boolean> create(QueueRef ref, ObjectNode metadata) {
        return scripts.<Long>run(RedisScript.CREATE_QUEUE, INTEGER, keys.queue(ref).all(), ref.queue(),
                write(metadata)).thenApply(created -> created == 1);
    }

    @Override
    public CompletionStage<Optional<ObjectNode>> metadata(QueueRef ref) {
        String info = keys.queue(ref).info();
        return scripts.call("hget", () -> redis.hget(info, METADATA))
                .thenApply(json -> Optional.ofNullable(json).map(RedisQueueStore::read));
    }

    @Override
    public CompletionStage<Void> replaceMetadata(QueueRef ref, ObjectNode metadata) {
        return scripts.<Long>run(RedisScript.REPLACE_METADATA, INTEGER, keys.queue(ref).all(), write(metadata))
                .thenApply(replaced -> {
                    if (replaced == 0) {
                        throw new QueueNotFoundException(ref);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Boolean> delete(QueueRef ref) {
        return scripts.<Long>run(RedisScript.DELETE_QUEUE, INTEGER, keys.queue(ref).all(), ref.queue())
                .thenApply(existed -> existed == 1);
    }

    @Override
    public CompletionStage<QueuePage> list(String project, String marker, int limit, boolean detailed) {
        Range<String> range = Range.from(marker == null ? Range.Boundary.unbounded()
                : Range.Boundary.excluding(marker), Range.Boundary.unbounded());
        String index = keys.index(project);
        CompletionStage<List<String>> names = scripts.call("zrangebylex",
                () -> redis.zrangebylex(index, range, Limit.create(0, limit)));
        return detailed ? names.thenCompose(found -> withMetadata(project, found))
                : names.thenApply(found -> new QueuePage(found.stream().map(n -> new QueuePage.Entry(n, null))
                        .toList()));
    }

    private CompletionStage<QueuePage> withMetadata(String project, List<String> names) {
        List<CompletableFuture<Optional<ObjectNode>>> lookups = new ArrayList<>(names.size());
        for (String name : names) {
            lookups.add(metadata(QueueRef.of(project, name)).toCompletableFuture());
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<QueuePage.Entry> entries = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                lookups.get(i).join().ifPresent(metadata -> entries.add(new QueuePage.Entry(name, metadata)));
            }
            return new QueuePage(entries);
        });
    }

    @Override
    public CompletionStage<Long> count(String project) {
        String index = keys.index(project);
        return scripts.call("zcard", () -> redis.zcard(index));
    }

    @Override
    public CompletionStage<QueueStats> stats(QueueRef ref) {
        return scripts.<List<Object>>run(RedisScript.STATS, MULTI, keys.queue(ref).all(),
                        Long.toString(clock.millis()))
                .thenApply(reply -> new QueueStats(RedisReplies.number(reply.get(0)), RedisReplies.number(reply.get(1)),
                        reply.get(2) == null ? null : RedisReplies.message(reply.get(2)),
                        reply.get(3) == null ? null : RedisReplies.message(reply.get(3))));
    }

    static String write(ObjectNode metadata) {
        try {
            return MAPPER.writeValueAsString(metadata == null ? MAPPER.createObjectNode() : metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata: cannot serialize", e);
        }
    }

    static ObjectNode read(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new StorageUnavailableException("redis: stored queue metadata is not a JSON object", e);
        }
    }
}
