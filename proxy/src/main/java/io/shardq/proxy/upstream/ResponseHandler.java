package io.shardq.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Last handler of an upstream connection: completes the one request in flight on it with the aggregated
 * answer, or fails it when the connection breaks. Touched only by the connection's event loop, except
 * {@link #expect}, which happens-before the request's write.
 */
final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse> {

    /** The request in flight on this connection; written by the acquiring thread before the write. */
    private volatile CompletableFuture<FullHttpResponse> pending;

    private final java.net.URI node;

    ResponseHandler(java.net.URI node) {
        super(false);
        this.node = node;
    }

    void expect(CompletableFuture<FullHttpResponse> answer) {
        pending = answer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        CompletableFuture<FullHttpResponse> answer = pending;
        pending = null;
        if (answer == null || !answer.complete(response)) {
            response.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        CompletableFuture<FullHttpResponse> answer = pending;
        pending = null;
        if (answer != null) {
            answer.completeExceptionally(new UpstreamException(node, true, "connection lost", cause));
        }
    }
}
