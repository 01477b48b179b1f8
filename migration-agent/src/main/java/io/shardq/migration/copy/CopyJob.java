package io.shardq.migration.copy;

import static java.util.Objects.requireNonNull;

import io.shardq.migration.client.AgentClient;
import io.shardq.migration.client.CopyStatus;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background copy: pages the local export of a queue and imports each page into the destination agent,
 * one page in flight at a time (the destination's pace is the copy's pace). Imports are idempotent, so a
 * copy may be repeated or resumed from any cursor it reported. Runs on one thread of {@link CopyJobs}; the
 * status fields are written by that thread and read by any.
 */
final class CopyJob implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(CopyJob.class);

    private final String id;
    private final QueueRef ref;
    private final QueueTransfer source;
    private final AgentClient destination;
    private final int pageSize;
    private volatile String state = "running";
    private volatile long copied;
    private volatile long cursor;
    private volatile String error;
    private volatile boolean cancelled;

    CopyJob(String id, QueueRef ref, QueueTransfer source, AgentClient destination, long after, int pageSize) {
        this.id = requireNonNull(id, "id");
        this.ref = requireNonNull(ref, "ref");
        this.source = requireNonNull(source, "source");
        this.destination = requireNonNull(destination, "destination");
        this.cursor = after;
        this.pageSize = pageSize;
    }

    @Override
    public void run() {
        logger.info("copy {} of {} to {} from position {}", id, ref, destination.base(), cursor);
        try {
            copyPages();
            state = cancelled ? "cancelled" : "done";
            logger.info("copy {} of {} {}: {} messages, cursor {}", id, ref, state, copied, cursor);
        } catch (InterruptedException e) {
            state = "cancelled";
            Thread.currentThread().interrupt();
        } catch (RuntimeException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.toString();
            state = cancelled ? "cancelled" : "failed";
            logger.warn("copy {} of {} {} at cursor {}: {}", id, ref, state, cursor, error);
        }
    }

    private void copyPages() throws InterruptedException, ExecutionException {
        while (!cancelled) {
            ExportPage page = source.export(ref, cursor, pageSize).toCompletableFuture().get();
            if (cancelled) {
                return;
            }
            destination.importPage(ref, page);
            copied += page.messages().size();
            if (!page.done() && page.nextCursor() <= cursor) {
                throw new IllegalStateException("export did not advance past position " + cursor);
            }
            cursor = page.nextCursor();
            if (page.done()) {
                return;
            }
        }
    }

    /** Stops after the page in flight; the job then reports {@code cancelled}. */
    void cancel() {
        cancelled = true;
    }

    CopyStatus status() {
        return new CopyStatus(id, state, copied, cursor, error);
    }
}
