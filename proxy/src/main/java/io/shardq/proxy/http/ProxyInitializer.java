package io.shardq.proxy.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.shardq.common.http.ZaqarAggregator;
import io.shardq.common.zaqar.HttpError;
import java.util.concurrent.TimeUnit;

/** A proxy listener's pipeline, top to bottom (the public and the admin listener share its shape). */
public final class ProxyInitializer extends ChannelInitializer<SocketChannel> {

    private final int maxRequestBytes;
    private final int maxHeaderBytes;
    private final int idleSeconds;
    private final ChannelHandler handler;
    private final ProxyErrorMapper errors;

    public ProxyInitializer(int maxRequestBytes, int maxHeaderBytes, int idleSeconds, ChannelHandler handler,
                            ProxyErrorMapper errors) {
        this.maxRequestBytes = maxRequestBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.idleSeconds = idleSeconds;
        this.handler = requireNonNull(handler, "handler");
        this.errors = requireNonNull(errors, "errors");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(new HttpServerCodec(8192, maxHeaderBytes, 64 * 1024));
        pipeline.addLast(new IdleStateHandler(0, 0, idleSeconds, TimeUnit.SECONDS));
        pipeline.addLast(new ZaqarAggregator(maxRequestBytes, () -> errors.render(HttpError.of(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large",
                "The request body exceeds the maximum of " + maxRequestBytes + " bytes."))));
        pipeline.addLast(new FlowControlHandler());
        pipeline.addLast(handler);
    }
}
