package io.shardq.migration.copy;

import static java.util.Objects.requireNonNull;

import io.shardq.migration.client.AgentClient;
import io.shardq.migration.client.CopyStatus;
import io.shardq.migration.client.JournalUse;
import io.shardq.migration.reconcile.JournalDelta;
import io.shardq.migration.reconcile.Reconciler;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import java.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background copy: pages the local export of a queue and imports each page into the destination agent,
 * one page in flight at a time (the destination's pace is the copy's pace); a reconciling copy then hands
 * over to its {@link Reconciler}. Imports are idempotent, so a copy may be repeated or resumed from any cursor
 * it reported. Runs on one thread of {@link CopyJobs}; the status fields are written by that thread and read
 * by any. A cancelled copy never abandons a request: it stops before the next one.
 */
final class CopyJob implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(CopyJob.class);

    private final String id;
    private final QueueRef ref;
    private final QueueTransfer source;
    private final AgentClient destination;
    private final int pageSize;
    private final Reconciler reconciler;
    private final JournalUse journalUse;
    private final Storage storage;
    private final JournalDelta journal;
    /** Whether the journal's changes stood in for comparing the whole queue. */
    private volatile boolean journaled;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile String state = "running";
    private volatile long copied;
    private volatile long cursor;
    private volatile String error;
    private volatile boolean cancelled;
    /** The queue's last position when the copy started: copied up to there, and reconciled up to there. */
    private long until = -1;

    /**
     * @param reconcile whether to reconcile and verify after the copy, measuring its horizon on {@code clock} and
     *                  sending its digest requests on {@code requests}
     */
    CopyJob(String id, QueueRef ref, Storage storage, AgentClient destination, long after, int pageSize,
            boolean reconcile, JournalUse journalUse, Clock clock, Executor requests) {
        this.id = requireNonNull(id, "id");
        this.ref = requireNonNull(ref, "ref");
        this.storage = requireNonNull(storage, "storage");
        this.source = storage.transfer();
        this.journalUse = requireNonNull(journalUse, "journalUse");
        if (journalUse != JournalUse.NONE && !reconcile) {
            throw new IllegalArgumentException("only a reconciling copy uses the journal");
        }
        this.destination = requireNonNull(destination, "destination");
        this.cursor = after;
        this.pageSize = pageSize;
        this.reconciler = reconcile
                ? new Reconciler(ref, source, destination, pageSize, clock, requests, () -> cancelled) : null;
        this.journal = journalUse == JournalUse.READ
                ? new JournalDelta(ref, storage, destination, pageSize, clock, () -> cancelled) : null;
    }

    @Override
    public void run() {
        logger.info("copy {} of {} to {} from position {}{}{}", id, ref, destination.base(), cursor,
                reconciler == null ? "" : ", reconciling", journalUse == JournalUse.NONE ? "" : ", journal "
                        + journalUse.wireName());
        try {
            if (journalUse == JournalUse.START) {
                storage.fences().startJournal(ref).toCompletableFuture().get();
            }
            if (journal != null && journal.run(storage.fences().readJournal(ref).toCompletableFuture().get())) {
                journaled = true;
                state = cancelled ? "cancelled" : "done";
                logger.info("copy {} of {} {} from the journal", id, ref, state);
                return;
            }
            copyPages();
            if (reconciler != null && !cancelled) {
                reconciler.run(Math.max(until, cursor));
            }
            state = cancelled ? "cancelled" : "done";
            logger.info("copy {} of {} {}: {} messages, cursor {}", id, ref, state, copied, cursor);
        } catch (CancellationException e) {
            state = "cancelled";
        } catch (InterruptedException e) {
            state = "cancelled";
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.toString();
            state = cancelled ? "cancelled" : "failed";
            logger.warn("copy {} of {} {} at cursor {}: {}", id, ref, state, cursor, error);
        } finally {
            stopped.complete(null);
        }
    }

    /**
     * Copies up to the last position the queue had when the copy started: messages posted meanwhile are the
     * delta's, so that a copy of a busy queue ends even when producers post faster than it copies.
     */
    private void copyPages() throws InterruptedException, ExecutionException {
        while (!cancelled) {
            ExportPage page = source.export(ref, cursor, pageSize).toCompletableFuture().get();
            if (cancelled) {
                return;
            }
            if (until < 0) {
                until = page.lastPosition();
            }
            destination.importPage(ref, page);
            copied += page.messages().size();
            if (!page.done() && page.nextCursor() <= cursor) {
                throw new IllegalStateException("export did not advance past position " + cursor);
            }
            cursor = page.nextCursor();
            if (page.done() || cursor >= until) {
                return;
            }
        }
    }

    QueueRef ref() {
        return ref;
    }

    /**
     * Stops before the next request; the job then reports {@code cancelled}. The stage completes once its
     * thread has stopped (at once if it already had).
     */
    CompletionStage<Void> cancel() {
        cancelled = true;
        return stopped.copy();
    }

    CopyStatus status() {
        if (reconciler == null) {
            return new CopyStatus(id, state, copied, cursor, error);
        }
        if (journaled) {
            return new CopyStatus(id, state, copied, cursor, error, true, journal.sourceCount(),
                    journal.destinationCount(), 0, journal.deleted(), true);
        }
        return new CopyStatus(id, state, copied, cursor, error, reconciler.verified(), reconciler.sourceCount(),
                reconciler.destinationCount(), reconciler.rangesReplaced(), reconciler.deleted());
    }
}
