package io.shardq.catalogue;

import java.time.Instant;

/**
 * Where one queue lives: the catalogue's answer to "which partition holds (project, queue)?".
 *
 * @param key       the queue
 * @param partition name of the partition holding it
 * @param state     active, migrating or frozen
 * @param version   1 when created, incremented by every change (compare-and-set token)
 * @param created   when the entry was created (millisecond precision)
 * @param migration id of the migration moving the queue, or {@code null}
 */
public record CatalogueEntry(QueueKey key, String partition, EntryState state, long version, Instant created,
                             String migration) {

    public CatalogueEntry {
        Problems problems = new Problems();
        problems.check(key != null, "key: null (expected: project/queue)");
        problems.name("partition", partition);
        problems.check(state != null, "state: null (expected: active | migrating | frozen)");
        problems.check(version >= 1, "version: " + version + " (expected: >= 1)");
        problems.check(created != null, "created: null (expected: a time)");
        problems.check(migration == null || !migration.isBlank(), "migration: '' (expected: an id or none)");
        problems.throwIfAny();
    }

    /** A new, active entry at version 1. */
    public static CatalogueEntry of(QueueKey key, String partition, Instant created) {
        return new CatalogueEntry(key, partition, EntryState.ACTIVE, 1, created, null);
    }

    public String project() {
        return key.project();
    }

    public String queue() {
        return key.queue();
    }

    /** The same entry on another partition (version unchanged: {@link Catalogue#compareAndSet} bumps it). */
    public CatalogueEntry withPartition(String newPartition) {
        return new CatalogueEntry(key, newPartition, state, version, created, migration);
    }

    public CatalogueEntry withState(EntryState newState) {
        return new CatalogueEntry(key, partition, newState, version, created, migration);
    }

    /** The same entry with a migration id, or none ({@code null}). */
    public CatalogueEntry withMigration(String newMigration) {
        return new CatalogueEntry(key, partition, state, version, created, newMigration);
    }

    /**
     * Whether this entry supersedes {@code other} for the same key: a later incarnation (created after a
     * deletion) or a higher version of the same one. Caches use it so that late writes never go backwards.
     */
    public boolean isNewerThan(CatalogueEntry other) {
        int byCreated = created.compareTo(other.created);
        return byCreated != 0 ? byCreated > 0 : version > other.version;
    }
}
