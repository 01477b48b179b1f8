package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded storage driver ({@code storage.type: memory}): everything on the heap, nothing persisted.
 *
 * <p>Each queue is guarded by its own lock; every operation completes before it returns (the stages it hands
 * back are already complete), so it is safe to call from event-loop threads. Expired messages are dropped
 * when a read passes them and by a background sweep every {@link #DEFAULT_SWEEP_INTERVAL}.
 */
public final class InMemoryStorage implements Storage {

    /** How often expired messages and claims are swept out of memory by default: 10 seconds. */
    public static final Duration DEFAULT_SWEEP_INTERVAL = Duration.ofSeconds(10);

    private final QueueRegistry registry = new QueueRegistry();
    private final InMemoryQueueStore queues;
    private final InMemoryMessageStore messages;
    private final InMemoryClaimStore claims;
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
        requireNonNull(clock, "clock");
        requireNonNull(sweepInterval, "sweepInterval");
        this.queues = new InMemoryQueueStore(registry, clock);
        this.messages = new InMemoryMessageStore(registry, clock);
        this.claims = new InMemoryClaimStore(registry, clock);
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

    /** Stops the background sweep. The data stays readable, but nothing frees expired messages any more. */
    @Override
    public void close() {
        closed = true;
        sweeper.close();
    }
}
