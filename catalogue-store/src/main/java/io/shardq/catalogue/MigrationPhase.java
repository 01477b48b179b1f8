package io.shardq.catalogue;

import java.util.Locale;

/** The phases of a queue migration (DESIGN.md), in order, then the terminal outcomes. */
public enum MigrationPhase {
    /** Recorded; the entry is (being) marked {@code migrating}. */
    PLANNED,
    /** The source agent streams the queue to the destination while traffic continues. */
    COPYING,
    /** The entry is frozen and the source fence set; writes are parked. */
    FROZEN,
    /** Copying what changed since the copy and verifying counts. */
    DELTA,
    /** The entry points at the destination; the source copy is still to be deleted. */
    THAWED,
    /** Finished, the source copy deleted. Terminal. */
    DONE,
    /** Cancelled (by an operator or a queue deletion); rolling back. */
    CANCELLING,
    /** Failed; rolling back (see the record's error). */
    FAILING,
    /** Cancelled (by an operator or a queue deletion) and rolled back. Terminal. */
    CANCELLED,
    /** Failed and rolled back; see the record's error. Terminal. */
    FAILED;

    /** Whether the migration is being rolled back. */
    public boolean isRollingBack() {
        return this == CANCELLING || this == FAILING;
    }

    /** Whether the queue may still go back to its source: before the switch to the destination. */
    public boolean beforeSwitch() {
        return this == PLANNED || this == COPYING || this == FROZEN || this == DELTA;
    }

    /** Whether the migration is over, so another may start for the same queue. */
    public boolean isTerminal() {
        return this == DONE || this == CANCELLED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationPhase parse(String value) {
        return Enums.parse(MigrationPhase.class, "phase", value);
    }
}
