package io.shardq.migration.reconcile;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.StatePage;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Reads one queue's message states through {@link QueueTransfer#states}, page by page, for ranges asked in
 * ascending order: a range that starts where the last one ended continues the same scan (pages growing to
 * {@link #PAGE}); a gap starts a new one. Blocks on the storage, so it runs on an agent thread, never on an event loop. Not thread-safe.
 */
final class StateStream {

    /** Most states read per storage call: a scan that goes on doubles its page from {@link #FIRST_PAGE} to this. */
    static final int PAGE = 1_000;
    /** States read by the first call after a seek: a range after a gap is often short. */
    static final int FIRST_PAGE = 128;

    private final QueueTransfer transfer;
    private final QueueRef ref;
    private List<MessageState> page = List.of();
    private int next;
    /** The position the buffered page ends at (the storage's cursor); nothing read yet: below any position. */
    private long cursor = Long.MIN_VALUE;
    private boolean done;
    private int size = FIRST_PAGE;

    StateStream(QueueTransfer transfer, QueueRef ref) {
        this.transfer = requireNonNull(transfer, "transfer");
        this.ref = requireNonNull(ref, "ref");
    }

    /** Passes the states with positions in {@code (from, to]} to {@code action}, in position order. */
    void forEach(long from, long to, Consumer<MessageState> action) throws InterruptedException, ExecutionException {
        seek(from);
        while (true) {
            while (next < page.size()) {
                MessageState state = page.get(next);
                if (state.position() > to) {
                    return;
                }
                action.accept(state);
                next++;
            }
            if (done) {
                return;
            }
            read();
        }
    }

    /** The digest of {@code (from, to]} leaving out states that expire at or before {@code horizon}. */
    DigestRange digest(long from, long to, long horizon) throws InterruptedException, ExecutionException {
        DigestRange.Builder builder = new DigestRange.Builder(horizon);
        forEach(from, to, builder::add);
        return builder.build(from, to);
    }

    private void seek(long from) {
        if (from >= cursor) {
            page = List.of();
            next = 0;
            cursor = from;
            done = false;
            size = FIRST_PAGE;
            return;
        }
        while (next < page.size() && page.get(next).position() <= from) {
            next++;
        }
    }

    private void read() throws InterruptedException, ExecutionException {
        StatePage read = transfer.states(ref, cursor, size).toCompletableFuture().get();
        size = Math.min(PAGE, size * 2);
        if (!read.done() && read.nextCursor() <= cursor) {
            throw new IllegalStateException("states of " + ref + " did not advance past position " + cursor);
        }
        page = read.states();
        next = 0;
        cursor = read.nextCursor();
        done = read.done();
    }
}
