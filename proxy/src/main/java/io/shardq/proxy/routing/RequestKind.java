package io.shardq.proxy.routing;

/** What the proxy does with a request. */
public enum RequestKind {
    /** A request about one queue: routed to the queue's partition. */
    QUEUE,
    /** {@code GET /v2/queues}: answered from the catalogue. */
    QUEUE_LISTING,
    /** {@code GET /v2/ping}: answered for the whole fleet. */
    PING,
    /** Anything else (home documents, versions, malformed requests): any partition answers it. */
    ANY_PARTITION
}
