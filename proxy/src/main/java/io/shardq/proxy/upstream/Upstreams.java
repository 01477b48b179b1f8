package io.shardq.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every partition node the proxy talks to: its connection pool and health, created on first use, and
 * node choice by round robin over a partition's healthy nodes (all nodes when none is healthy).
 */
public final class Upstreams implements AutoCloseable {

    private final EventLoopGroup group;
    private final UpstreamConfig config;
    private final Clock clock;
    private final Map<URI, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    public Upstreams(EventLoopGroup group, UpstreamConfig config, Clock clock) {
        this.group = requireNonNull(group, "group");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    /** One node with its pool and health. */
    public record Node(NodeClient client, NodeHealth health) {
        public URI uri() {
            return client.node();
        }
    }

    public Node node(URI uri) {
        return nodes.computeIfAbsent(uri, u -> new Node(new NodeClient(u, group, config), new NodeHealth(clock)));
    }

    /**
     * The nodes of a partition in the order to try them: healthy ones first, starting at the partition's
     * round-robin cursor, then the ejected ones (better a doubtful node than none).
     */
    public List<Node> order(String partition, List<URI> members) {
        int start = Math.floorMod(cursors.computeIfAbsent(partition, p -> new AtomicInteger()).getAndIncrement(),
                Math.max(1, members.size()));
        List<Node> healthy = new ArrayList<>(members.size());
        List<Node> ejected = new ArrayList<>(0);
        for (int i = 0; i < members.size(); i++) {
            Node node = node(members.get((start + i) % members.size()));
            (node.health().isHealthy() ? healthy : ejected).add(node);
        }
        healthy.addAll(ejected);
        return healthy;
    }

    /** Every node known so far (for health reports and active checks). */
    public Map<URI, Node> known() {
        return Map.copyOf(nodes);
    }

    /** Forgets nodes no longer in any partition, closing their pools. */
    public void retainOnly(java.util.Set<URI> current) {
        nodes.entrySet().removeIf(entry -> {
            if (!current.contains(entry.getKey())) {
                entry.getValue().client().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        nodes.values().forEach(node -> node.client().close());
        nodes.clear();
    }
}
