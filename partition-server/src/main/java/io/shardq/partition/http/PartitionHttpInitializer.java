package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.shardq.common.http.ZaqarAggregator;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.HttpConfig;
import java.util.concurrent.TimeUnit;

/** The partition server's pipeline, top to bottom. */
public final class PartitionHttpInitializer extends ChannelInitializer<SocketChannel> {

    private final HttpConfig config;
    private final RequestHandler handler;
    private final ErrorMapper errors;

    public PartitionHttpInitializer(HttpConfig config, RequestHandler handler, ErrorMapper errors) {
        this.config = requireNonNull(config, "config");
        this.handler = requireNonNull(handler, "handler");
        this.errors = requireNonNull(errors, "errors");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(new HttpServerCodec(config.maxInitialLineBytes(), config.maxHeaderBytes(), 64 * 1024));
        pipeline.addLast(new IdleStateHandler(0, 0, config.idleTimeoutSeconds(), TimeUnit.SECONDS));
        pipeline.addLast(new HttpServerKeepAliveHandler());
        pipeline.addLast(new ZaqarAggregator(config.maxRequestBytes(), () -> RequestHandler.toNetty(errors.render(
                HttpError.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large",
                        "The request body exceeds the maximum of " + config.maxRequestBytes() + " bytes.")), false)));
        pipeline.addLast(new FlowControlHandler());
        pipeline.addLast(handler);
    }
}
