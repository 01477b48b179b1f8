package io.shardq.proxy.forward;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.FullHttpResponse;
import io.shardq.catalogue.Partition;
import io.shardq.common.concurrent.Failures;
import io.shardq.proxy.upstream.UpstreamException;
import io.shardq.proxy.upstream.Upstreams;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to a partition: its nodes in round-robin order, healthy ones first. A request that
 * could not be sent moves on to the next node; one that may have reached a node moves on only when it
 * is idempotent. Connection failures and 5xx answers eject a node for a while; answers readmit it.
 */
public final class Forwarder {

    private static final Logger logger = LoggerFactory.getLogger(Forwarder.class);

    private final Upstreams upstreams;

    public Forwarder(Upstreams upstreams) {
        this.upstreams = requireNonNull(upstreams, "upstreams");
    }

    public CompletionStage<FullHttpResponse> send(Partition partition, UpstreamRequest request, boolean idempotent) {
        List<Upstreams.Node> order = upstreams.order(partition.name(), partition.nodes());
        return attempt(order, 0, request, idempotent, null);
    }

    private CompletionStage<FullHttpResponse> attempt(List<Upstreams.Node> order, int index, UpstreamRequest request,
                                                      boolean idempotent, Throwable last) {
        if (index >= order.size()) {
            return CompletableFuture.failedFuture(last);
        }
        Upstreams.Node node = order.get(index);
        return node.client().send(request.toNetty(node.uri())).handle((response, failure) -> {
            if (failure == null) {
                if (response.status().code() >= 500) {
                    node.health().failed();
                } else {
                    node.health().succeeded();
                }
                return CompletableFuture.completedFuture(response);
            }
            Throwable cause = Failures.cause(failure);
            node.health().failed();
            boolean retry = cause instanceof UpstreamException upstream && (!upstream.wasSent() || idempotent);
            logger.debug("{} {} failed on {} (retry: {}): {}", request.method(), request.uri(), node.uri(), retry,
                    cause.toString());
            return retry ? attempt(order, index + 1, request, idempotent, cause)
                    : CompletableFuture.<FullHttpResponse>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }
}
