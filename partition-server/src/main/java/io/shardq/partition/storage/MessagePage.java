package io.shardq.partition.storage;

import java.util.List;

/**
 * A page of a listing. {@code nextMarker} is the position to continue after: the position of the last
 * message examined, which may be beyond the last one returned. An empty page ends the listing.
 */
public record MessagePage(List<Message> messages, long nextMarker) {

    public MessagePage {
        messages = List.copyOf(messages);
    }

    public static MessagePage empty(long marker) {
        return new MessagePage(List.of(), marker);
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }
}
