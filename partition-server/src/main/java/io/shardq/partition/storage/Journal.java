package io.shardq.partition.storage;

import java.util.Set;

/**
 * A queue's change journal as read by a migration (DESIGN.md, migration protocol): the ids of every message
 * that a write changed since the journal started. Only a complete journal may stand in for comparing the
 * whole queue; it is incomplete when it was never started or was stopped, when it outgrew
 * {@link #MAX_IDS}, when a write could not say what it changed, or when a freeze stopped waiting for a write
 * lease that went stale (its write may have changed messages it never recorded).
 *
 * @param complete   whether {@code messageIds} names every message changed since the start
 * @param messageIds the changed messages; empty when incomplete
 */
public record Journal(boolean complete, Set<String> messageIds) {

    /** Most ids a journal holds; one more makes it incomplete (and stops it growing). */
    public static final int MAX_IDS = 100_000;

    public static final Journal INCOMPLETE = new Journal(false, Set.of());

    public Journal {
        messageIds = Set.copyOf(messageIds);
        if (!complete && !messageIds.isEmpty()) {
            throw new IllegalArgumentException("an incomplete journal names no ids");
        }
    }

    public static Journal of(Set<String> messageIds) {
        return messageIds.size() > MAX_IDS ? INCOMPLETE : new Journal(true, messageIds);
    }
}
