package io.shardq.catalogue;

import java.util.Locale;

/** Where a catalogue entry is in its life: serving, being copied to another partition, or frozen for the switch. */
public enum EntryState {
    /** Served by its partition. */
    ACTIVE,
    /** Served by its partition while a migration copies it elsewhere. */
    MIGRATING,
    /** Writes are parked by the proxy while a migration copies the last changes. */
    FROZEN;

    /** The lowercase name used in JSON and in the database. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EntryState parse(String value) {
        return Enums.parse(EntryState.class, "state", value);
    }
}
