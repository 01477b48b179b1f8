package io.shardq.partition.storage.redis;

import static io.lettuce.core.ScriptOutputType.INTEGER;
import static io.lettuce.core.ScriptOutputType.MULTI;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.StatePage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Raw export and import in Redis. Every page is one script, so each page is a consistent snapshot of the
 * queue and each import page lands at once; see {@code docs/STORAGE.md} for the scripts.
 */
final class RedisQueueTransfer implements QueueTransfer {

    /** How many projects {@link #queues} reads per round trip. */
    private static final int PROJECT_BATCH = 100;

    private final RedisScripts scripts;
    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;
    private final Clock clock;

    RedisQueueTransfer(RedisScripts scripts, RedisAsyncCommands<String, String> redis, RedisKeys keys,
                       Clock clock) {
        this.scripts = scripts;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<ExportPage> export(QueueRef ref, long afterPosition, int limit) {
        return scripts.<List<Object>>run(RedisScript.EXPORT, MULTI, keys.queue(ref).all(), now(),
                        Long.toString(afterPosition), Integer.toString(limit))
                .thenApply(reply -> {
                    if (reply == null || reply.isEmpty()) {
                        throw new QueueNotFoundException(ref);
                    }
                    return RedisTransferCodec.exportPage(reply);
                });
    }

    @Override
    public CompletionStage<Void> importPage(QueueRef ref, ExportPage page) {
        return scripts.<Long>run(RedisScript.IMPORT, INTEGER, keys.queue(ref).all(),
                        RedisTransferCodec.importArgs(now(), ref.queue(), page))
                .thenApply(reply -> null);
    }

    @Override
    public CompletionStage<StatePage> states(QueueRef ref, long afterPosition, int limit) {
        return scripts.<List<Object>>run(RedisScript.STATES, MULTI, keys.queue(ref).all(), now(),
                        Long.toString(afterPosition), Integer.toString(limit))
                .thenApply(RedisTransferCodec::statePage);
    }

    @Override
    public CompletionStage<Void> applyStates(QueueRef ref, List<MessageState> states) {
        if (states.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return scripts.<Long>run(RedisScript.APPLY_STATES, INTEGER, keys.queue(ref).all(),
                        RedisTransferCodec.stateArgs(now(), states))
                .thenApply(reply -> null);
    }

    @Override
    public CompletionStage<Void> deleteMessages(QueueRef ref, List<String> ids) {
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return scripts.<Long>run(RedisScript.DELETE_MESSAGES, INTEGER, keys.queue(ref).all(),
                        ids.toArray(String[]::new))
                .thenApply(reply -> null);
    }

    /** {@code drop.lua}: the data and the change journal always, the fence and lease keys unless {@code keepFence}. */
    @Override
    public CompletionStage<Void> drop(QueueRef ref, boolean keepFence) {
        return scripts.<Long>run(RedisScript.DROP, INTEGER, keys.queue(ref).all(), ref.queue(), keepFence ? "1" : "0")
                .thenApply(reply -> null);
    }

    /**
     * Walks the index of projects in byte order, {@value #PROJECT_BATCH} at a time, and for each its queue
     * index, until {@code limit} queues are found. Each step is one command: a queue created or deleted
     * meanwhile may or may not be listed.
     */
    @Override
    public CompletionStage<List<QueueRef>> queues(QueueRef after, int limit) {
        Range.Boundary<String> from = after == null ? Range.Boundary.unbounded()
                : Range.Boundary.including(after.project());
        return walk(from, after, limit, new ArrayList<>());
    }

    private CompletionStage<List<QueueRef>> walk(Range.Boundary<String> from, QueueRef after, int limit,
                                                 List<QueueRef> found) {
        if (found.size() >= limit) {
            return CompletableFuture.completedFuture(found);
        }
        return scripts.call("zrangebylex", () -> redis.zrangebylex(keys.projects(),
                        Range.from(from, Range.Boundary.unbounded()), Limit.create(0, PROJECT_BATCH)))
                .thenCompose(projects -> projects.isEmpty() ? CompletableFuture.completedFuture(found)
                        : collect(projects, 0, after, limit, found).thenCompose(list -> walk(
                                Range.Boundary.excluding(projects.get(projects.size() - 1)), after, limit, list)));
    }

    private CompletionStage<List<QueueRef>> collect(List<String> projects, int next, QueueRef after, int limit,
                                                    List<QueueRef> found) {
        if (found.size() >= limit || next >= projects.size()) {
            return CompletableFuture.completedFuture(found);
        }
        String project = projects.get(next);
        Range.Boundary<String> from = after != null && after.project().equals(project)
                ? Range.Boundary.excluding(after.queue()) : Range.Boundary.unbounded();
        return scripts.call("zrangebylex", () -> redis.zrangebylex(keys.index(project),
                        Range.from(from, Range.Boundary.unbounded()), Limit.create(0, limit - found.size())))
                .thenCompose(names -> {
                    names.forEach(name -> found.add(QueueRef.of(project, name)));
                    return collect(projects, next + 1, after, limit, found);
                });
    }

    private String now() {
        return Long.toString(clock.millis());
    }
}
