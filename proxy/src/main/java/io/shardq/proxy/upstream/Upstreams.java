package io.shardq.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every partition node the proxy talks to: its health, and its connection pools, one per event loop.
 * A request forwarded from a client connection's event loop uses that loop's pool, so the upstream
 * exchange and the answer to the client stay on one thread (no hand-offs, no wake-ups); requests from
 * other threads use the {@code fallback} group. Node order is round robin over a partition's healthy
 * nodes (all nodes when none is healthy).
 */
public final class Upstreams implements AutoCloseable {

    private final EventLoopGroup fallback;
    private final UpstreamConfig config;
    private final Clock clock;
    private final Map<URI, Node> nodes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> cursors = new ConcurrentHashMap<>();

    public Upstreams(EventLoopGroup fallback, UpstreamConfig config, Clock clock) {
        this.fallback = requireNonNull(fallback, "fallback");
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    /** One node: its health, shared by every loop, and a pool per event loop. */
    public final class Node {
        private final URI uri;
        private final NodeHealth health;
        private final Map<EventLoop, NodeClient> clients = new ConcurrentHashMap<>();

        Node(URI uri) {
            this.uri = uri;
            this.health = new NodeHealth(clock);
        }

        public URI uri() {
            return uri;
        }

        public NodeHealth health() {
            return health;
        }

        /** The pool of the calling thread's event loop, or of a fallback loop. */
        public NodeClient client() {
            EventExecutor current = ThreadExecutorMap.currentExecutor();
            EventLoop loop = current instanceof EventLoop own ? own : fallback.next();
            return clients.computeIfAbsent(loop, l -> new NodeClient(uri, l, config));
        }

        void close() {
            clients.values().forEach(NodeClient::close);
            clients.clear();
        }
    }

    public Node node(URI uri) {
        return nodes.computeIfAbsent(uri, Node::new);
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

    /** Forgets nodes no longer in any partition, closing their pools. */
    public void retainOnly(Set<URI> current) {
        nodes.entrySet().removeIf(entry -> {
            if (!current.contains(entry.getKey())) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public void close() {
        nodes.values().forEach(Node::close);
        nodes.clear();
    }
}
