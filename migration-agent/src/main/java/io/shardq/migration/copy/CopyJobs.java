package io.shardq.migration.copy;

import static java.util.Objects.requireNonNull;

import io.shardq.migration.client.AgentClient;
import io.shardq.migration.client.CopyStatus;
import io.shardq.migration.client.JournalUse;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's copies: starts each on its own named thread ({@code agent-copy-N}), keeps its status for
 * {@code GET /v2/copies/{id}} until the agent stops (finished ones beyond {@link #MAX_KEPT} are forgotten,
 * oldest first), and cancels them, one or every copy of a queue, telling when their threads have stopped.
 */
public final class CopyJobs implements AutoCloseable {

    /** How many copies are remembered at most. */
    public static final int MAX_KEPT = 1_000;

    private final Storage source;
    private final String destinationToken;
    private final Map<String, CopyJob> jobs = new ConcurrentHashMap<>();
    private final java.util.Queue<String> order = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ExecutorService threads;
    private final Clock clock;

    /** @param destinationToken the bearer token sent to destination agents, or {@code null} */
    public CopyJobs(Storage source, String destinationToken) {
        this(source, destinationToken, Clock.systemUTC());
    }

    /** @param clock what reconciling copies measure their expiry horizon against */
    public CopyJobs(Storage source, String destinationToken, Clock clock) {
        this.source = requireNonNull(source, "source");
        this.destinationToken = destinationToken;
        this.clock = requireNonNull(clock, "clock");
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "agent-copy-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts copying {@code ref} after position {@code after} to the agent at {@code to}, then, when
     * {@code reconcile}, reconciling and verifying the whole queue (or, with {@link JournalUse#READ} and a
     * complete journal, only what the journal names); returns its id.
     */
    public String start(QueueRef ref, URI to, long after, int pageSize, boolean reconcile, JournalUse journal) {
        String id = UUID.randomUUID().toString();
        CopyJob job = new CopyJob(id, ref, source, new AgentClient(to, destinationToken), after, pageSize, reconcile,
                journal, clock, threads);
        jobs.put(id, job);
        order.add(id);
        forgetOldFinished();
        try {
            threads.execute(job);
        } catch (RejectedExecutionException e) {
            jobs.remove(id);
            throw new IllegalStateException("the agent is stopping", e);
        }
        return id;
    }

    public Optional<CopyStatus> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(CopyJob::status);
    }

    /**
     * Cancels the copy; the stage completes once its thread has stopped (after the request in flight, if any,
     * was answered). Empty when no copy has that id.
     */
    public Optional<CompletionStage<Void>> cancel(String id) {
        return Optional.ofNullable(jobs.get(id)).map(CopyJob::cancel);
    }

    /**
     * Cancels every copy of {@code ref} (plain or reconciling); the stage completes once all their threads have
     * stopped, after which nothing of {@code ref} is sent anywhere by this agent's copies.
     */
    public CompletionStage<Void> cancelAll(QueueRef ref) {
        requireNonNull(ref, "ref");
        return CompletableFuture.allOf(jobs.values().stream()
                .filter(job -> job.ref().equals(ref))
                .map(job -> job.cancel().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    private void forgetOldFinished() {
        int excess = jobs.size() - MAX_KEPT;
        for (var ids = order.iterator(); excess > 0 && ids.hasNext(); ) {
            String id = ids.next();
            CopyJob job = jobs.get(id);
            if (job == null || job.status().finished()) {
                jobs.remove(id);
                ids.remove();
                excess--;
            }
        }
    }

    /** Cancels every copy and waits briefly for their threads. */
    @Override
    public void close() {
        jobs.values().forEach(CopyJob::cancel);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
