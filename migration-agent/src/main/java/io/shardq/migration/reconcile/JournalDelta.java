package io.shardq.migration.reconcile;

import static java.util.Objects.requireNonNull;

import io.shardq.migration.client.AgentClient;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The frozen pass of a migration from the source's change journal (docs/MIGRATION_AGENT.md, "The journaled
 * delta"): instead of comparing the whole queue, it sends the destination what became of each message the
 * journal names since the last live pass (its current copy, or that it is gone), with the claims and metadata,
 * then checks that the destination now holds the same state for each of those messages. Its cost follows the
 * number of changes, not the size of the queue (so it counts no messages either: a count costs a pass over
 * the queue on some drivers). When the queue is gone at the source or the check fails, it says so, and the
 * caller compares the whole queue instead.
 * Blocks on the storage and the destination: runs on its copy's thread.
 */
public final class JournalDelta {

    private static final Logger logger = LoggerFactory.getLogger(JournalDelta.class);

    private final QueueRef ref;
    private final Storage source;
    private final AgentClient destination;
    private final int pageSize;
    private final Clock clock;
    private final BooleanSupplier cancelled;
    private volatile long sourceCount;
    private volatile long destinationCount;
    private volatile long deleted;

    public JournalDelta(QueueRef ref, Storage source, AgentClient destination, int pageSize, Clock clock,
                        BooleanSupplier cancelled) {
        this.ref = requireNonNull(ref, "ref");
        this.source = requireNonNull(source, "source");
        this.destination = requireNonNull(destination, "destination");
        this.pageSize = pageSize;
        this.clock = requireNonNull(clock, "clock");
        this.cancelled = requireNonNull(cancelled, "cancelled");
    }

    /**
     * Applies the journal's changes and checks them; true when the destination verifiably holds what the
     * source holds. False (nothing wrong done: every step only makes the destination more like the source)
     * when the journal is incomplete, the queue is gone at the source, or the check found a difference.
     */
    public boolean run(Journal journal) throws InterruptedException, ExecutionException {
        if (!journal.complete()) {
            return false;
        }
        long started = System.nanoTime();
        Optional<ExportPage> head = ActiveClaims.head(source.transfer(), ref);
        if (head.isEmpty()) {
            return false;
        }
        List<String> ids = new ArrayList<>(journal.messageIds());
        long horizon = clock.millis() + Reconciler.HORIZON.toMillis();
        boolean same = true;
        for (int start = 0; start < ids.size() || start == 0; start += pageSize) {
            checkCancelled();
            List<String> chunk = ids.subList(start, Math.min(ids.size(), start + pageSize));
            List<Message> found = chunk.isEmpty() ? List.of()
                    : source.messages().get(ref, chunk).toCompletableFuture().get();
            Set<String> present = new HashSet<>();
            found.forEach(message -> present.add(message.id()));
            List<String> absent = chunk.stream().filter(id -> !present.contains(id)).toList();
            ExportPage page = new ExportPage(head.get().metadata(), head.get().lastPosition(), found,
                    head.get().claims(), head.get().lastPosition(), true);
            List<MessageState> held = destination.applyChanges(ref, page, absent, start == 0);
            sourceCount += found.size();
            destinationCount += held.size();
            deleted += absent.size();
            same &= sameStates(found, held, horizon);
        }
        logger.info("journaled delta of {}: {} changed messages ({} held at the source, {} at the destination, {} "
                        + "gone){}, in {} ms", ref, ids.size(), sourceCount, destinationCount, deleted,
                same ? "" : ": they differ, comparing the whole queue", (System.nanoTime() - started) / 1_000_000);
        return same;
    }

    /** Whether both sides hold the same states for these messages (those expiring before the horizon aside). */
    private static boolean sameStates(List<Message> mine, List<MessageState> theirs, long horizon) {
        Map<String, Long> here = new HashMap<>();
        mine.stream().map(MessageState::of).filter(state -> state.expiresMillis() > horizon)
                .forEach(state -> here.put(state.id(), Hashes.state(state)));
        Map<String, Long> there = new HashMap<>();
        theirs.stream().filter(state -> state.expiresMillis() > horizon)
                .forEach(state -> there.put(state.id(), Hashes.state(state)));
        return here.equals(there);
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    /** Changed messages the source holds (sent to the destination). */
    public long sourceCount() {
        return sourceCount;
    }

    /** Of those, the ones the destination then held. */
    public long destinationCount() {
        return destinationCount;
    }

    public long deleted() {
        return deleted;
    }
}
