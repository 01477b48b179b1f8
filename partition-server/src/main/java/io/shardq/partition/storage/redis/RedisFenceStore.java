package io.shardq.partition.storage.redis;

import static io.lettuce.core.ScriptOutputType.MULTI;
import static io.lettuce.core.ScriptOutputType.VALUE;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences in Redis, shared by every node on the same Redis and prefix. The fence is a string key of its own
 * (its {@link Fence#headerValue()}; absent means active), so deleting the queue's data keeps it. A write
 * passes the fence in one script that also records a lease (a random id scored by the clock's now) in the
 * queue's lease set; closing the lease removes it. Setting a fence that refuses writes reads the open leases
 * in the same script, then polls them on a scheduler (never blocking an event loop) until each has closed
 * or grown older than the lease timeout; leases taken after a thaw are not waited for.
 */
final class RedisFenceStore implements FenceStore {

    /** How often a freeze re-counts the leases it waits for: 1 ms. */
    static final long POLL_INTERVAL_MILLIS = 1;

    private static final Logger logger = LoggerFactory.getLogger(RedisFenceStore.class);

    private final RedisScripts scripts;
    private final RedisAsyncCommands<String, String> redis;
    private final RedisKeys keys;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final long leaseTimeoutMillis;
    /** Freezes still waiting for leases; failed by {@link #close()}. */
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();

    RedisFenceStore(RedisScripts scripts, RedisAsyncCommands<String, String> redis, RedisKeys keys, Clock clock,
                    ScheduledExecutorService scheduler, Duration leaseTimeout) {
        this.scripts = scripts;
        this.redis = redis;
        this.keys = keys;
        this.clock = clock;
        this.scheduler = scheduler;
        this.leaseTimeoutMillis = leaseTimeout.toMillis();
    }

    @Override
    public CompletionStage<Fence> get(QueueRef ref) {
        String fence = keys.queue(ref).fence();
        return scripts.call("get", () -> redis.get(fence)).thenApply(Fence::parse);
    }

    @Override
    public CompletionStage<Void> set(QueueRef ref, Fence fence) {
        RedisKeys.QueueKeys queue = keys.queue(ref);
        return scripts.<List<String>>run(RedisScript.FENCE_SET, MULTI, queue.all(), fence.headerValue(), stale())
                .thenCompose(open -> open.isEmpty() ? CompletableFuture.<Void>completedFuture(null)
                        : awaitLeases(queue.leases(), open));
    }

    @Override
    public CompletionStage<Lease> enter(QueueRef ref, boolean write) {
        return write ? enterForWrite(ref) : get(ref).thenApply(fence -> {
            if (!fence.allowsReads()) {
                throw new QueueFencedException(ref, fence);
            }
            return Lease.NONE;
        });
    }

    private CompletionStage<Lease> enterForWrite(QueueRef ref) {
        RedisKeys.QueueKeys queue = keys.queue(ref);
        String id = UUID.randomUUID().toString();
        return scripts.<String>run(RedisScript.FENCE_ENTER, VALUE, queue.all(), Long.toString(clock.millis()), id,
                        stale())
                .thenApply(refused -> {
                    if (!refused.isEmpty()) {
                        throw new QueueFencedException(ref, Fence.parse(refused));
                    }
                    return new RedisLease(queue.leases(), id);
                });
    }

    /** Completes once none of the leases {@code open} in {@code leases} remains younger than the lease timeout. */
    private CompletionStage<Void> awaitLeases(String leases, List<String> open) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(done);
        done.whenComplete((ok, error) -> waiting.remove(done));
        schedulePoll(leases, open, done);
        return done;
    }

    /** Fails the freezes still waiting: the storage is closing and nothing will poll for them any more. */
    void close() {
        for (CompletableFuture<Void> done : List.copyOf(waiting)) {
            done.completeExceptionally(new StorageUnavailableException("redis: storage closed while freezing", null));
        }
    }

    private void schedulePoll(String leases, List<String> open, CompletableFuture<Void> done) {
        try {
            scheduler.schedule(() -> poll(leases, open, done), POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new StorageUnavailableException("redis: storage closed while freezing", e));
        }
    }

    private void poll(String leases, List<String> open, CompletableFuture<Void> done) {
        long stale = Long.parseLong(stale());
        String[] ids = open.toArray(String[]::new);
        scripts.call("zmscore", () -> redis.zmscore(leases, ids)).whenComplete((scores, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            List<String> live = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                if (scores.get(i) != null && scores.get(i) > stale) {
                    live.add(ids[i]);
                }
            }
            if (live.isEmpty()) {
                done.complete(null);
            } else {
                schedulePoll(leases, live, done);
            }
        });
    }

    /** Leases taken at or before this instant (epoch millis) are stale. */
    private String stale() {
        return Long.toString(clock.millis() - leaseTimeoutMillis);
    }

    /** A write lease; closing removes it from the lease set once, fire-and-forget. */
    private final class RedisLease implements Lease {

        private final String leases;
        private final String id;
        private final AtomicBoolean closed = new AtomicBoolean();

        RedisLease(String leases, String id) {
            this.leases = leases;
            this.id = id;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                scripts.call("zrem", () -> redis.zrem(leases, id)).whenComplete((removed, error) -> {
                    if (error != null) {
                        logger.warn("write lease {} of {} not removed ({}); freezes wait for it at most {} ms",
                                id, leases, error.getMessage(), leaseTimeoutMillis);
                    }
                });
            }
        }
    }

    // TEMP: replaced by the journal-drivers branch
    @Override
    public CompletionStage<Void> startJournal(QueueRef ref) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<io.shardq.partition.storage.Journal> readJournal(QueueRef ref) {
        return CompletableFuture.completedFuture(io.shardq.partition.storage.Journal.INCOMPLETE);
    }

    @Override
    public CompletionStage<Void> stopJournal(QueueRef ref) {
        return CompletableFuture.completedFuture(null);
    }
}
