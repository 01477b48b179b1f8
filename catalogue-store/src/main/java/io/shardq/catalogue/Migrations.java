package io.shardq.catalogue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable migration records, in MongoDB. Phases change only by compare-and-set, so two coordinators never
 * both drive one migration and a coordinator that crashed can resume from the recorded phase. Every method
 * may raise {@link CatalogueUnavailableException}.
 */
public interface Migrations {

    /**
     * Records a new migration in phase {@code planned}.
     *
     * @throws MigrationConflictException if a migration that is not terminal exists for the queue
     */
    MigrationRecord start(QueueKey key, String from, String to);

    Optional<MigrationRecord> get(String id);

    /** The migration of a queue that is not terminal, if any. */
    Optional<MigrationRecord> active(QueueKey key);

    /** Every migration record, oldest first. */
    List<MigrationRecord> list();

    /** The migrations that are not terminal, oldest first. */
    List<MigrationRecord> listActive();

    /**
     * Takes or renews the right to drive a migration until {@code leaseUntil}: succeeds when nobody holds
     * it, {@code owner} already does, or the holder's lease has run out. Empty when another coordinator
     * holds a live lease or the migration is terminal.
     *
     * @throws MigrationNotFoundException if there is no such migration
     */
    Optional<MigrationRecord> acquire(String id, String owner, Instant leaseUntil);

    /**
     * Records the source position up to which the destination holds a copy, while in phase {@code expected}.
     *
     * @throws MigrationConflictException if the phase is no longer {@code expected}
     * @throws MigrationNotFoundException if there is no such migration
     */
    MigrationRecord checkpoint(String id, MigrationPhase expected, long cursor);

    /**
     * Moves a migration from phase {@code expected} to {@code next}, with an error text for failures
     * ({@code null} otherwise). Entering a terminal phase lets another migration of the queue start.
     *
     * @throws MigrationConflictException if the phase is no longer {@code expected}
     * @throws MigrationNotFoundException if there is no such migration
     */
    MigrationRecord advance(String id, MigrationPhase expected, MigrationPhase next, String error);

    /**
     * Records progress while in phase {@code expected}.
     *
     * @param copied  messages copied so far
     * @param total   messages to copy
     * @param pauseMs how long writes have been parked, in milliseconds
     * @throws MigrationConflictException if the phase is no longer {@code expected}
     * @throws MigrationNotFoundException if there is no such migration
     */
    MigrationRecord progress(String id, MigrationPhase expected, long copied, long total, long pauseMs);
}
