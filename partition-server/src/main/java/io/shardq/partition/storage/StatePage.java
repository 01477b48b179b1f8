package io.shardq.partition.storage;

import java.util.List;

/** A page of {@link MessageState}s in position order, for reconciliation; {@code done} when none follow. */
public record StatePage(List<MessageState> states, long nextCursor, boolean done) {

    public StatePage {
        states = List.copyOf(states);
    }
}
