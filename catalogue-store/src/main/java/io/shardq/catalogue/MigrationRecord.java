package io.shardq.catalogue;

import java.time.Instant;

/**
 * The durable record of one queue migration, so that a crash at any phase can be resumed or rolled back.
 *
 * @param id      unique id
 * @param key     the queue being moved
 * @param from    source partition name
 * @param to      destination partition name
 * @param phase   current phase; changed only by compare-and-set
 * @param copied  messages copied so far
 * @param total   messages to copy as last counted (0 when unknown)
 * @param pauseMs how long writes were parked (frozen), in milliseconds
 * @param cursor  the source position up to which the destination holds a copy ({@code -1}: none yet)
 * @param owner   the coordinator driving it, or {@code null}
 * @param leaseUntil until when {@code owner} holds it; another coordinator may take over after that
 * @param created when the migration was recorded
 * @param updated when the record last changed
 * @param error   why it failed, or {@code null}
 */
public record MigrationRecord(String id, QueueKey key, String from, String to, MigrationPhase phase, long copied,
                              long total, long pauseMs, long cursor, String owner, Instant leaseUntil,
                              Instant created, Instant updated, String error) {

    public MigrationRecord {
        Problems problems = new Problems();
        problems.check(id != null && !id.isBlank(), "id: " + Problems.quote(id) + " (expected: an id)");
        problems.check(key != null, "key: null (expected: project/queue)");
        problems.name("from", from);
        problems.name("to", to);
        problems.check(from == null || !from.equals(to), "to: " + Problems.quote(to) + " (expected: not the source)");
        problems.check(phase != null, "phase: null (expected: a phase)");
        problems.check(copied >= 0, "copied: " + copied + " (expected: >= 0)");
        problems.check(total >= 0, "total: " + total + " (expected: >= 0)");
        problems.check(pauseMs >= 0, "pause_ms: " + pauseMs + " (expected: >= 0)");
        problems.check(cursor >= -1, "cursor: " + cursor + " (expected: >= -1)");
        problems.check(owner == null || leaseUntil != null, "lease_until: null (expected: a time when owned)");
        problems.check(created != null && updated != null, "created/updated: null (expected: times)");
        problems.throwIfAny();
    }

    /** Whether {@code coordinator} may drive it at {@code now}: nobody holds it, it does, or the lease ran out. */
    public boolean ownableBy(String coordinator, Instant now) {
        return owner == null || owner.equals(coordinator) || !leaseUntil.isAfter(now);
    }

    /** A new migration in phase {@code planned}. */
    public static MigrationRecord of(String id, QueueKey key, String from, String to, Instant now) {
        return new MigrationRecord(id, key, from, to, MigrationPhase.PLANNED, 0, 0, 0, -1, null, null, now, now,
                null);
    }
}
