package io.shardq.partition.storage;

import java.util.Collection;
import java.util.Set;

/**
 * What one write did to its queue's messages, for the queue's change journal ({@link FenceStore}): the ids of
 * the messages it posted, deleted, claimed or whose claim it renewed or released, or {@link #UNKNOWN} when
 * it cannot say (a purge, a failed write that may have changed part of what it meant to).
 *
 * @param unknown whether the write may have changed any message
 * @param ids     the messages it changed; empty when unknown
 */
public record Touched(boolean unknown, Set<String> ids) {

    /** Changed no message (e.g. queue metadata). */
    public static final Touched NONE = new Touched(false, Set.of());
    /** May have changed any message. */
    public static final Touched UNKNOWN = new Touched(true, Set.of());

    public Touched {
        ids = Set.copyOf(ids);
        if (unknown && !ids.isEmpty()) {
            throw new IllegalArgumentException("an unknown change names no ids");
        }
    }

    public static Touched of(Collection<String> ids) {
        return ids.isEmpty() ? NONE : new Touched(false, Set.copyOf(ids));
    }

    /** The ids of {@code messages}. */
    public static Touched ofMessages(Collection<Message> messages) {
        return of(messages.stream().map(Message::id).toList());
    }
}
