package io.shardq.migration.reconcile;

import io.shardq.partition.storage.MessageState;
import java.util.List;

/**
 * The destination's answer to {@code POST /v2/transfer/changes}: the states it now holds for the ids it was
 * sent (those it does not hold are missing).
 */
public record ChangesAnswer(List<MessageState> states) {

    public ChangesAnswer {
        states = List.copyOf(states);
    }
}
