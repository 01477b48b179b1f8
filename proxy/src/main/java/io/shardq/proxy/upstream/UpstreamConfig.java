package io.shardq.proxy.upstream;

/**
 * Limits of the connections to partition nodes.
 *
 * @param connectTimeoutMillis  TCP connect timeout; default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS}
 * @param responseTimeoutMillis time from sending a request to its whole answer; default {@value #DEFAULT_RESPONSE_TIMEOUT_MILLIS}
 * @param maxConnectionsPerNode pooled keep-alive connections per node; default {@value #DEFAULT_MAX_CONNECTIONS_PER_NODE}
 * @param maxPendingPerNode     requests waiting for a connection per node before failing fast; default {@value #DEFAULT_MAX_PENDING_PER_NODE}
 * @param maxResponseBytes      largest answer accepted from a node; default {@value #DEFAULT_MAX_RESPONSE_BYTES}
 */
public record UpstreamConfig(Integer connectTimeoutMillis, Integer responseTimeoutMillis, Integer maxConnectionsPerNode,
                             Integer maxPendingPerNode, Integer maxResponseBytes) {

    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 1000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MILLIS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_NODE = 64;
    public static final int DEFAULT_MAX_PENDING_PER_NODE = 1024;
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 4 << 20;

    public UpstreamConfig {
        connectTimeoutMillis = connectTimeoutMillis == null ? DEFAULT_CONNECT_TIMEOUT_MILLIS : connectTimeoutMillis;
        responseTimeoutMillis = responseTimeoutMillis == null ? DEFAULT_RESPONSE_TIMEOUT_MILLIS : responseTimeoutMillis;
        maxConnectionsPerNode = maxConnectionsPerNode == null ? DEFAULT_MAX_CONNECTIONS_PER_NODE : maxConnectionsPerNode;
        maxPendingPerNode = maxPendingPerNode == null ? DEFAULT_MAX_PENDING_PER_NODE : maxPendingPerNode;
        maxResponseBytes = maxResponseBytes == null ? DEFAULT_MAX_RESPONSE_BYTES : maxResponseBytes;
    }

    public static UpstreamConfig defaults() {
        return new UpstreamConfig(null, null, null, null, null);
    }

    public void validate(java.util.List<String> problems) {
        positive("upstream.connect_timeout_millis", connectTimeoutMillis, problems);
        positive("upstream.response_timeout_millis", responseTimeoutMillis, problems);
        positive("upstream.max_connections_per_node", maxConnectionsPerNode, problems);
        positive("upstream.max_pending_per_node", maxPendingPerNode, problems);
        positive("upstream.max_response_bytes", maxResponseBytes, problems);
    }

    private static void positive(String name, int value, java.util.List<String> problems) {
        if (value <= 0) {
            problems.add(name + ": " + value + " (expected: > 0)");
        }
    }
}
