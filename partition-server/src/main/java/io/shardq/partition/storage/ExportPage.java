package io.shardq.partition.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One page of a raw queue export, in position order: everything another partition needs to continue the
 * queue exactly (ids, positions, bodies, ttls, ages, delays, claim fields, claims).
 *
 * @param metadata     the queue's metadata
 * @param lastPosition the queue's position counter (the next message gets a higher position)
 * @param messages     unexpired messages with positions after the requested cursor, in position order
 * @param claims       every active claim of the queue (its {@code messages} list is empty)
 * @param nextCursor   the position to continue after
 * @param done         true when no message after {@code nextCursor} existed at export time
 */
public record ExportPage(ObjectNode metadata, long lastPosition, List<Message> messages, List<Claim> claims,
                         long nextCursor, boolean done) {

    public ExportPage {
        messages = List.copyOf(messages);
        claims = List.copyOf(claims);
    }
}
