package io.shardq.proxy.upstream;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Active health checks: every interval, {@code GET /v2/ping} on every node of every partition; a 204
 * readmits a node, anything else (or no answer) ejects it. Passive checks in the forwarder do the same
 * with live traffic; this finds recovered nodes that get no traffic while ejected. Each round also closes
 * the pools of nodes no partition lists any more.
 */
public final class HealthChecker {

    private static final String CLIENT_ID = "00000000-0000-4000-8000-00000000c4ec";

    private final Upstreams upstreams;
    private final Supplier<Collection<URI>> nodes;

    public HealthChecker(Upstreams upstreams, Supplier<Collection<URI>> nodes) {
        this.upstreams = requireNonNull(upstreams, "upstreams");
        this.nodes = requireNonNull(nodes, "nodes");
    }

    public void start(ScheduledExecutorService scheduler, long intervalMillis) {
        scheduler.scheduleWithFixedDelay(this::checkAll, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void checkAll() {
        Collection<URI> current = nodes.get();
        upstreams.retainOnly(Set.copyOf(current));
        current.forEach(this::check);
    }

    private void check(URI uri) {
        Upstreams.Node node = upstreams.node(uri);
        FullHttpRequest ping = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/v2/ping",
                Unpooled.EMPTY_BUFFER);
        ping.headers().set(HttpHeaderNames.HOST, uri.getHost() + ":" + uri.getPort());
        ping.headers().set("Client-ID", CLIENT_ID);
        ping.headers().set("X-Project-ID", "health-check");
        node.client().send(ping).whenComplete((answer, failure) -> {
            if (answer != null && answer.status().code() == 204) {
                node.health().succeeded();
            } else {
                node.health().failed();
            }
            if (answer != null) {
                answer.release();
            }
        });
    }
}
