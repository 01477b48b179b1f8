package io.shardq.partition.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** A page of a queue listing, in byte order of names. */
public record QueuePage(List<Entry> queues) {

    public QueuePage {
        queues = List.copyOf(queues);
    }

    /** One queue; {@code metadata} is {@code null} unless details were asked for. */
    public record Entry(String name, ObjectNode metadata) {
    }
}
