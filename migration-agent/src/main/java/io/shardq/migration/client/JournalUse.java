package io.shardq.migration.client;

import java.util.Locale;

/** What a reconciling copy does with the source queue's change journal (docs/MIGRATION_AGENT.md). */
public enum JournalUse {
    /** Nothing: the copy compares the whole queue. */
    NONE,
    /** Starts the journal afresh before copying: the migration's last live pass. */
    START,
    /** Applies the journal's changes instead of comparing the whole queue, when it is complete: the frozen pass. */
    READ;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #wireName()}; anything else is an {@link IllegalArgumentException} naming the choices. */
    public static JournalUse parse(String text) {
        for (JournalUse use : values()) {
            if (use.wireName().equals(text)) {
                return use;
            }
        }
        throw new IllegalArgumentException("journal: " + text + " (expected: none, start or read)");
    }
}
