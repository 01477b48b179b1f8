package io.shardq.proxy.migration;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryNotFoundException;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.MigrationConflictException;
import io.shardq.catalogue.MigrationNotFoundException;
import io.shardq.catalogue.MigrationPhase;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.VersionConflictException;
import io.shardq.migration.client.AgentClient;
import io.shardq.migration.client.CopyStatus;
import io.shardq.migration.client.JournalUse;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.QueueRef;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one migration from its recorded phase to a terminal one (DESIGN.md "Migration"). Each phase's step
 * is idempotent, so a coordinator that takes over after a crash simply repeats the step of the recorded
 * phase; the phase moves only by compare-and-set, so when it changed behind the runner's back (an operator
 * cancelled, a queue deletion) the runner re-reads the record and follows it into the rollback. The runner
 * renews the migration's lease as it goes and stops as soon as another coordinator holds it.
 *
 * <p>Never two partitions accepting writes: the destination's fence is {@code frozen} from the plan until
 * the switch; the source's fence is {@code frozen} from the freeze until the switch, then {@code moved}.
 * The switch is committed by the phase {@code delta → thawed}; before it a rollback restores the source.
 */
final class MigrationRunner implements Runnable {

    private static final Logger logger = LoggerFactory.getLogger(MigrationRunner.class);
    static final String QUEUE_DELETED = "the queue was deleted";
    /** How often a running copy is asked for its status: a frozen pass's end is part of the write pause. */
    private static final long POLL_MILLIS = 5;
    private static final long RECHECK_MILLIS = 500;
    private static final int MAX_DELTA_ATTEMPTS = 3;
    private static final int MAX_COPY_FAILURES = 30;

    private final String id;
    private final MigrationContext context;
    private final BooleanSupplier stopping;
    private Instant frozenAt;
    private Instant thawedAt;
    /** The entry as this runner froze it, so the switch right after the delta needs no fresh read. */
    private CatalogueEntry frozenEntry;
    /** The queue's size as a whole-queue delta counted it at the source; -1 after a journaled delta. */
    private long deltaTotal = -1;
    private int failures;
    private int deltaAttempts;

    MigrationRunner(String id, MigrationContext context, BooleanSupplier stopping) {
        this.id = requireNonNull(id, "id");
        this.context = requireNonNull(context, "context");
        this.stopping = requireNonNull(stopping, "stopping");
    }

    @Override
    public void run() {
        while (!stopping.getAsBoolean()) {
            MigrationRecord record;
            try {
                record = renewLease().orElse(null);
            } catch (MigrationNotFoundException e) {
                return;
            } catch (RuntimeException e) {
                pause(e, null);
                continue;
            }
            if (record == null) {
                return; // finished, or another coordinator drives it
            }
            try {
                step(record);
                failures = 0;
            } catch (MigrationConflictException e) {
                logger.info("migration {} changed meanwhile: {}", id, e.getMessage());
            } catch (MigrationNotFoundException e) {
                return;
            } catch (RuntimeException e) {
                pause(e, record);
            }
        }
    }

    private void step(MigrationRecord record) {
        switch (record.phase()) {
            case PLANNED -> plan(record);
            case COPYING -> copy(record);
            case FROZEN -> freeze(record);
            case DELTA -> delta(record);
            case THAWED -> thaw(record);
            case CANCELLING, FAILING -> rollBack(record);
            default -> throw new IllegalStateException("terminal phase " + record.phase());
        }
    }

    /** Marks the entry migrating, and prepares an empty, frozen destination. */
    private void plan(MigrationRecord record) {
        Optional<CatalogueEntry> found = entryOrCancel(record);
        if (found.isEmpty()) {
            return;
        }
        CatalogueEntry entry = found.get();
        if (!id.equals(entry.migration())) {
            if (entry.migration() != null || entry.state() != EntryState.ACTIVE || !entry.partition().equals(record.from())) {
                advance(record, MigrationPhase.FAILING, "the queue is no longer active on " + record.from()
                        + " (it is " + entry.state().wireName() + " on " + entry.partition() + ")");
                return;
            }
            context.catalogue().compareAndSet(entry, entry.withState(EntryState.MIGRATING).withMigration(id));
        }
        QueueRef ref = ref(record);
        source(record).cancelCopies(ref);
        source(record).stopJournal(ref);
        AgentClient destination = destination(record);
        destination.drop(ref, false);
        destination.setFence(ref, Fence.FROZEN);
        advance(record, MigrationPhase.COPYING, null);
    }

    /** The queue's entry as MongoDB has it; when the queue was deleted, empty and the migration cancelling. */
    private Optional<CatalogueEntry> entryOrCancel(MigrationRecord record) {
        Optional<CatalogueEntry> found = context.catalogue().lookupFresh(record.key());
        if (found.isEmpty()) {
            advance(record, MigrationPhase.CANCELLING, QUEUE_DELETED);
        }
        return found;
    }

    /**
     * The live copy, then one reconciling pass with the source's change journal started before it, so that the
     * frozen pass only has to apply what changed since.
     */
    private void copy(MigrationRecord record) {
        QueueRef ref = ref(record);
        URI to = destination(record).base();
        long cursor = record.cursor();
        if (cursor < 0) {
            CopyStatus full = runCopy(record, ref, to, -1, false, JournalUse.NONE);
            if (!full.state().equals("done")) {
                throw new IllegalStateException("copy " + full.state() + ": " + full.error());
            }
            record = context.migrations().checkpoint(id, MigrationPhase.COPYING, full.cursor());
            cursor = full.cursor();
        }
        CopyStatus live = runCopy(record, ref, to, cursor, true, JournalUse.START);
        if (live.cursor() > cursor) {
            context.migrations().checkpoint(id, MigrationPhase.COPYING, live.cursor());
        }
        advance(record, MigrationPhase.FROZEN, null);
    }

    /** Writes are parked from here: the entry is frozen, then the source's fence (waiting for writes in flight). */
    private void freeze(MigrationRecord record) {
        Optional<CatalogueEntry> found = entryOrCancel(record);
        if (found.isEmpty()) {
            return;
        }
        CatalogueEntry entry = found.get();
        if (!id.equals(entry.migration())) {
            advance(record, MigrationPhase.FAILING, "the catalogue entry changed during the copy");
            return;
        }
        if (frozenAt == null) {
            frozenAt = context.clock().instant();
        }
        frozenEntry = entry.state() == EntryState.FROZEN ? entry
                : context.catalogue().compareAndSet(entry, entry.withState(EntryState.FROZEN));
        source(record).setFence(ref(record), Fence.FROZEN);
        advance(record, MigrationPhase.DELTA, null);
    }

    /**
     * What changed since the live pass, from the source's journal when it is complete; otherwise new messages
     * since the copy, then every range whose digest differs. Both sides must then agree.
     */
    private void delta(MigrationRecord record) {
        if (frozenAt == null) {
            frozenAt = record.updated();
        }
        CopyStatus delta = runCopy(record, ref(record), destination(record).base(), record.cursor(), true,
                JournalUse.READ);
        if (!delta.state().equals("done") || !delta.verified()) {
            String why = "delta " + delta.state() + (delta.verified() ? "" : ", not verified") + ": source "
                    + delta.sourceCount() + " messages, destination " + delta.destinationCount()
                    + (delta.error() == null ? "" : " (" + delta.error() + ")");
            if (++deltaAttempts >= MAX_DELTA_ATTEMPTS) {
                advance(record, MigrationPhase.FAILING, why);
                return;
            }
            throw new IllegalStateException(why);
        }
        deltaTotal = delta.journaled() ? -1 : delta.sourceCount();
        advance(record, MigrationPhase.THAWED, null);
    }

    /**
     * Committed: the destination takes writes, the entry points at it (parked writes go there), the source
     * refuses everything with "moved"; after the grace period the source copy is deleted (its fence stays).
     */
    private void thaw(MigrationRecord record) {
        QueueRef ref = ref(record);
        Optional<MigrationRecord> switched = switchAsFrozen(record);
        if (switched.isPresent()) {
            record = switched.get();
        } else {
            Optional<CatalogueEntry> found = context.catalogue().lookupFresh(record.key());
            if (found.isEmpty() || (!id.equals(found.get().migration())
                    && !found.get().partition().equals(record.to()))) {
                destination(record).drop(ref, false);
                advance(record, MigrationPhase.DONE, QUEUE_DELETED);
                return;
            }
            if (id.equals(found.get().migration())) {
                record = switchFrom(record, found.get());
            }
        }
        source(record).setFence(ref, Fence.movedTo(record.to()));
        if (thawedAt == null) {
            thawedAt = context.clock().instant();
        }
        Instant cleanup = thawedAt.plusMillis(context.settings().cleanupGraceMillis());
        while (context.clock().instant().isBefore(cleanup)) {
            if (stopping.getAsBoolean()) {
                return;
            }
            sleep(Math.min(RECHECK_MILLIS, Duration.between(context.clock().instant(), cleanup).toMillis() + 1));
            if (renewLease().isEmpty()) {
                return;
            }
        }
        source(record).drop(ref, true);
        advance(record, MigrationPhase.DONE, null);
    }

    /**
     * The switch straight after this runner's own delta, from the entry it froze (no fresh read while writes
     * wait), answering the updated record; empty when this runner did not freeze the entry or the entry changed
     * since (the caller then reads it afresh and decides).
     */
    private Optional<MigrationRecord> switchAsFrozen(MigrationRecord record) {
        CatalogueEntry entry = frozenEntry;
        frozenEntry = null;
        if (entry == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(switchFrom(record, entry));
        } catch (VersionConflictException | EntryNotFoundException changed) {
            return Optional.empty();
        }
    }

    /**
     * The switch: the destination takes writes, {@code entry} points at it (parked writes go there), and the
     * record gets its totals and pause. Fails, before waking anyone, when the entry changed since it was read.
     */
    private MigrationRecord switchFrom(MigrationRecord record, CatalogueEntry entry) {
        destination(record).setFence(ref(record), Fence.ACTIVE);
        context.catalogue().compareAndSet(entry, new CatalogueEntry(entry.key(), record.to(), EntryState.ACTIVE,
                entry.version(), entry.created(), null));
        context.wakeParked().accept(record.key());
        long pause = frozenAt == null ? record.pauseMs() : millisSince(frozenAt);
        long total = deltaTotal >= 0 ? deltaTotal : record.total();
        MigrationRecord updated = context.migrations().progress(id, MigrationPhase.THAWED,
                Math.max(record.copied(), total), total, pause);
        logger.info("migration {} of {} switched to {} after a {} ms write pause", id, record.key(), record.to(), pause);
        return updated;
    }

    /** Before the switch: the source takes writes again, the entry is restored, the destination copy goes. */
    private void rollBack(MigrationRecord record) {
        QueueRef ref = ref(record);
        source(record).cancelCopies(ref);
        Optional<CatalogueEntry> found = context.catalogue().lookupFresh(record.key());
        if (found.isPresent() && id.equals(found.get().migration())) {
            CatalogueEntry entry = found.get();
            source(record).setFence(ref, Fence.ACTIVE);
            context.catalogue().compareAndSet(entry, new CatalogueEntry(entry.key(), record.from(), EntryState.ACTIVE,
                    entry.version(), entry.created(), null));
            context.wakeParked().accept(record.key());
        }
        if (found.isEmpty() || !found.get().partition().equals(record.to())) {
            destination(record).drop(ref, false);
        }
        MigrationPhase end = record.phase() == MigrationPhase.CANCELLING ? MigrationPhase.CANCELLED : MigrationPhase.FAILED;
        advance(record, end, record.error());
        logger.info("migration {} of {} {}: {}", id, record.key(), end.wireName(), record.error());
    }

    /**
     * Runs a copy on the source agent until it finishes, renewing the lease; gives up (cancelling the copy)
     * when the migration's phase changed or the lease was lost.
     */
    private CopyStatus runCopy(MigrationRecord record, QueueRef ref, URI to, long after, boolean reconcile,
                               JournalUse journal) {
        AgentClient source = source(record);
        String copy = source.startCopy(ref, to, after, context.settings().pageSize(), reconcile, journal);
        long nextCheck = System.nanoTime() + RECHECK_MILLIS * 1_000_000;
        while (true) {
            sleep(POLL_MILLIS);
            CopyStatus status = source.copy(copy);
            if (status.finished()) {
                return status;
            }
            if (System.nanoTime() - nextCheck > 0) {
                nextCheck = System.nanoTime() + RECHECK_MILLIS * 1_000_000;
                Optional<MigrationRecord> now = renewLease();
                if (stopping.getAsBoolean() || now.isEmpty() || now.get().phase() != record.phase()) {
                    source.cancelCopy(copy);
                    throw new MigrationConflictException("migration " + id + " is no longer "
                            + record.phase().wireName() + " here");
                }
                if (record.phase() == MigrationPhase.COPYING) {
                    long copied = (after < 0 ? 0 : record.copied()) + status.copied();
                    context.migrations().progress(id, MigrationPhase.COPYING, copied, Math.max(copied,
                            record.total()), 0);
                }
            }
        }
    }

    /**
     * After a failed step: waits a little longer each time; a freeze that lasts too long, or a copy that keeps
     * failing, is rolled back. Rollbacks and switched migrations retry until they succeed.
     */
    private void pause(RuntimeException failure, MigrationRecord record) {
        failures++;
        logger.warn("migration {} {} failed ({} in a row): {}", id, record == null ? "lease" : record.phase().wireName(),
                failures, failure.toString());
        if (record != null) {
            try {
                MigrationPhase phase = record.phase();
                boolean frozenTooLong = (phase == MigrationPhase.FROZEN || phase == MigrationPhase.DELTA)
                        && frozenAt != null && millisSince(frozenAt) > context.settings().freezeTimeoutMillis();
                boolean copyGaveUp = (phase == MigrationPhase.PLANNED || phase == MigrationPhase.COPYING)
                        && failures >= MAX_COPY_FAILURES;
                if (frozenTooLong || copyGaveUp) {
                    advance(record, MigrationPhase.FAILING, failure.getMessage());
                    return;
                }
            } catch (RuntimeException e) {
                logger.warn("migration {}: cannot record the failure yet: {}", id, e.toString());
            }
        }
        sleep(Math.min(2_000, 50L << Math.min(failures, 6)));
    }

    private Optional<MigrationRecord> renewLease() {
        return context.migrations().acquire(id, context.owner(),
                context.clock().instant().plusMillis(context.settings().leaseMillis()));
    }

    private void advance(MigrationRecord record, MigrationPhase next, String error) {
        context.migrations().advance(id, record.phase(), next, error);
        logger.info("migration {} of {} {} → {}", id, record.key(), record.phase().wireName(), next.wireName());
    }

    private AgentClient source(MigrationRecord record) {
        return context.agents().of(record.from());
    }

    private AgentClient destination(MigrationRecord record) {
        return context.agents().of(record.to());
    }

    private static QueueRef ref(MigrationRecord record) {
        return QueueRef.of(record.key().project(), record.key().queue());
    }

    private long millisSince(Instant start) {
        return Math.max(0, Duration.between(start, context.clock().instant()).toMillis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
