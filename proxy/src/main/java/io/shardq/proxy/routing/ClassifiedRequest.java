package io.shardq.proxy.routing;

import io.shardq.catalogue.QueueKey;

/**
 * A request as routing sees it.
 *
 * @param key        the queue, for {@link RequestKind#QUEUE}
 * @param write      it changes the queue (parked while the queue is frozen)
 * @param creates    it creates the queue when missing (PUT queue, POST messages): placement may run
 * @param deletes    it deletes the queue: its catalogue entry goes too
 * @param idempotent safe to send again after it may have reached a node
 */
public record ClassifiedRequest(RequestKind kind, QueueKey key, boolean write, boolean creates, boolean deletes,
                                boolean idempotent) {
}
