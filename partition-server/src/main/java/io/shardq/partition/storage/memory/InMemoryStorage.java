package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded storage driver ({@code storage.type: memory}): everything on the heap, nothing persisted.
 *
 * <p>Each queue is guarded by its own lock; every operation completes before it returns (the stages it hands
 * back are already complete), so it is safe to call from event-loop threads; the one exception is a fence
 * change that blocks writes, which completes once the write leases open before it have closed (or grown
 * older than the lease timeout). Expired messages are dropped when a read passes them and by a background
 * sweep every {@link #DEFAULT_SWEEP_INTERVAL}.
 */
public final class InMemoryStorage implements Storage {

    /** How often expired messages and claims are swept out of memory by default: 10 seconds. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(10);

    /** How old a write lease may get before a freeze stops waiting for it by default: 10 seconds. */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(10);

    private final QueueRegistry registry = new QueueRegistry();
    private final InMemoryQueueStore queues;
    private final InMemoryMessageStore messages;
    private final InMemoryClaimStore claims;
    private final InMemoryFenceStore fences;
    private final InMemoryTransfer transfer;
    private final ExpirySweeper sweeper;
    private volatile boolean closed;

    /** A store on {@code clock} sweeping every {@link #DEFAULT_SWEEP_INTERVAL}. */
    public InMemoryStorage(Clock clock) {
        this(clock, DEFAULT_SWEEP_INTERVAL);
    }

    /**
     * @param clock         the time every TTL, delay and claim is measured against
     * @param sweepInterval how often to free expired messages; zero disables the background sweep
     */
    public InMemoryStorage(Clock clock, Duration sweepInterval) {
        this(clock, sweepInterval, DEFAULT_LEASE_TIMEOUT);
    }

    /**
     * @param clock         the time every TTL, delay, claim and lease is measured against
     * @param sweepInterval how often to free expired messages; zero disables the background sweep
     * @param leaseTimeout  how old a write lease may get before a freeze stops waiting for it
     */
    public InMemoryStorage(Clock clock, Duration sweepInterval, Duration leaseTimeout) {
        requireNonNull(clock, "clock");
        requireNonNull(sweepInterval, "sweepInterval");
        requireNonNull(leaseTimeout, "leaseTimeout");
        this.queues = new InMemoryQueueStore(registry, clock);
        this.messages = new InMemoryMessageStore(registry, clock);
        this.claims = new InMemoryClaimStore(registry, clock);
        this.fences = new InMemoryFenceStore(clock, leaseTimeout);
        this.transfer = new InMemoryTransfer(registry, fences, clock);
        this.sweeper = new ExpirySweeper(registry, clock, sweepInterval);
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public FenceStore fences() {
        return fences;
    }

    @Override
    public QueueTransfer transfer() {
        return transfer;
    }

    /** Drops every expired message and claim now, as the background sweep does; returns how many messages went. */
    public long sweepExpired() {
        return sweeper.sweep();
    }

    /** How many messages the heap holds, expired ones not yet dropped included. Walks every queue. */
    long heldMessages() {
        long held = 0;
        for (QueueState state : registry.all()) {
            synchronized (state) {
                held += state.size();
            }
        }
        return held;
    }

    /** {@code true} until {@link #close()}. */
    @Override
    public CompletionStage<Boolean> isAlive() {
        return CompletableFuture.completedFuture(!closed);
    }

    /**
     * Stops the background sweep and the fence timer. The data stays readable, but nothing frees expired
     * messages any more, and a waiting freeze completes only when its leases close.
     */
    @Override
    public void close() {
        closed = true;
        sweeper.close();
        fences.close();
    }
}
