package io.shardq.proxy.upstream;

import java.net.URI;

/**
 * A request to a partition node failed without an HTTP answer. {@link #wasSent()} tells whether the
 * request may have reached the node: only requests that were not sent, or idempotent ones, may be retried.
 */
public final class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient URI node;
    private final boolean sent;

    public UpstreamException(URI node, boolean sent, String message, Throwable cause) {
        super(node + ": " + message, cause);
        this.node = node;
        this.sent = sent;
    }

    public URI node() {
        return node;
    }

    public boolean wasSent() {
        return sent;
    }
}
