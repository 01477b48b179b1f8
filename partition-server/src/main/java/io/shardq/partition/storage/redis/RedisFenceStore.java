package io.shardq.partition.storage.redis;

import static io.lettuce.core.ScriptOutputType.INTEGER;
import static io.lettuce.core.ScriptOutputType.MULTI;

import io.lettuce.core.api.async.RedisAsyncCommands;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import io.shardq.partition.storage.Touched;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>The change journal is two more keys of the queue: its state ({@code complete} or {@code incomplete}, absent
 * while off) and the set of ids recorded. Starting it is one script that also reads the open leases, which are
 * then waited for as a freeze waits; a write learns whether to record from the reply of the script that lets it
 * pass, so a queue without a journal costs no extra round trip. Whatever finds a lease gone stale while a journal
 * is on (a freeze, a journal start, a write pruning it) makes the journal incomplete.
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
                .thenCompose(open -> awaitLeases(queue, open));
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
        return scripts.<List<Object>>run(RedisScript.FENCE_ENTER, MULTI, queue.all(), Long.toString(clock.millis()),
                        id, stale())
                .thenApply(reply -> {
                    String refused = (String) reply.get(0);
                    if (!refused.isEmpty()) {
                        throw new QueueFencedException(ref, Fence.parse(refused));
                    }
                    return new RedisLease(queue, id, (Long) reply.get(1) == 1L);
                });
    }

    @Override
    public CompletionStage<Void> startJournal(QueueRef ref) {
        RedisKeys.QueueKeys queue = keys.queue(ref);
        return scripts.<List<String>>run(RedisScript.JOURNAL_START, MULTI, queue.all(), stale())
                .thenCompose(open -> awaitLeases(queue, open));
    }

    @Override
    public CompletionStage<Journal> readJournal(QueueRef ref) {
        return scripts.<List<Object>>run(RedisScript.JOURNAL_READ, MULTI, keys.queue(ref).all())
                .thenApply(reply -> {
                    if ((Long) reply.get(0) != 1L) {
                        return Journal.INCOMPLETE;
                    }
                    Set<String> ids = new HashSet<>();
                    for (Object id : (List<?>) reply.get(1)) {
                        ids.add((String) id);
                    }
                    return Journal.of(ids);
                });
    }

    @Override
    public CompletionStage<Void> stopJournal(QueueRef ref) {
        RedisKeys.QueueKeys queue = keys.queue(ref);
        return scripts.call("del", () -> redis.del(queue.journal(), queue.touched())).thenApply(deleted -> null);
    }

    /** Runs {@code journal_record}: adds {@code touched} to the journal, or makes it incomplete when unknown. */
    private CompletionStage<Void> record(RedisKeys.QueueKeys queue, Touched touched) {
        List<String> args = new ArrayList<>(touched.ids().size() + 2);
        args.add(Integer.toString(Journal.MAX_IDS));
        args.add(touched.unknown() ? "1" : "0");
        args.addAll(touched.ids());
        return scripts.<Long>run(RedisScript.JOURNAL_RECORD, INTEGER, queue.all(), args.toArray(String[]::new))
                .thenApply(reply -> null);
    }

    /**
     * Completes once none of the leases {@code open} of {@code queue} remains younger than the lease timeout; one
     * that outlives it instead makes the journal incomplete.
     */
    private CompletionStage<Void> awaitLeases(RedisKeys.QueueKeys queue, List<String> open) {
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(done);
        done.whenComplete((ok, error) -> waiting.remove(done));
        schedulePoll(queue, open, done);
        return done;
    }

    /** Fails the freezes still waiting: the storage is closing and nothing will poll for them any more. */
    void close() {
        for (CompletableFuture<Void> done : List.copyOf(waiting)) {
            done.completeExceptionally(new StorageUnavailableException("redis: storage closed while freezing", null));
        }
    }

    private void schedulePoll(RedisKeys.QueueKeys queue, List<String> open, CompletableFuture<Void> done) {
        try {
            scheduler.schedule(() -> poll(queue, open, done), POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new StorageUnavailableException("redis: storage closed while freezing", e));
        }
    }

    private void poll(RedisKeys.QueueKeys queue, List<String> open, CompletableFuture<Void> done) {
        long stale = Long.parseLong(stale());
        String[] ids = open.toArray(String[]::new);
        scripts.call("zmscore", () -> redis.zmscore(queue.leases(), ids)).thenCompose(scores -> {
            List<String> live = new ArrayList<>(ids.length);
            boolean wentStale = false;
            for (int i = 0; i < ids.length; i++) {
                Double taken = scores.get(i);
                if (taken != null && taken > stale) {
                    live.add(ids[i]);
                } else if (taken != null) {
                    wentStale = true;
                }
            }
            CompletionStage<Void> marked = wentStale ? record(queue, Touched.UNKNOWN)
                    : CompletableFuture.completedFuture(null);
            return marked.thenApply(ok -> live);
        }).whenComplete((live, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (live.isEmpty()) {
                done.complete(null);
            } else {
                schedulePoll(queue, live, done);
            }
        });
    }

    /** Leases taken at or before this instant (epoch millis) are stale. */
    private String stale() {
        return Long.toString(clock.millis() - leaseTimeoutMillis);
    }

    /**
     * A write lease; closing removes it from the lease set once, fire-and-forget. A lease whose record failed and
     * could not make the journal incomplete either is left in the set instead: once stale, whoever finds it
     * (a freeze, a journal start, the next write) makes the journal incomplete then.
     */
    private final class RedisLease implements Lease {

        private final RedisKeys.QueueKeys queue;
        private final String id;
        private final boolean journaling;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean unrecorded;

        RedisLease(RedisKeys.QueueKeys queue, String id, boolean journaling) {
            this.queue = queue;
            this.id = id;
            this.journaling = journaling;
        }

        @Override
        public boolean journaling() {
            return journaling;
        }

        @Override
        public CompletionStage<Void> record(Touched touched) {
            if (!journaling || closed.get() || !touched.unknown() && touched.ids().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return RedisFenceStore.this.record(queue, touched).exceptionallyCompose(failure ->
                    RedisFenceStore.this.record(queue, Touched.UNKNOWN).handle((ok, markFailure) -> {
                        if (markFailure != null) {
                            unrecorded = true;
                            logger.warn("change journal {} neither recorded nor marked incomplete ({}); "
                                    + "write lease {} is left to go stale", queue.journal(), failure.getMessage(), id);
                        }
                        return null;
                    }));
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && !unrecorded) {
                scripts.call("zrem", () -> redis.zrem(queue.leases(), id)).whenComplete((removed, error) -> {
                    if (error != null) {
                        logger.warn("write lease {} of {} not removed ({}); freezes wait for it at most {} ms",
                                id, queue.leases(), error.getMessage(), leaseTimeoutMillis);
                    }
                });
            }
        }
    }
}
