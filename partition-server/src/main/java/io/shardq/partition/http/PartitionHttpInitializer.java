package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateHandler;
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
        pipeline.addLast(new ZaqarAggregator(config.maxRequestBytes(), errors));
        pipeline.addLast(new FlowControlHandler());
        pipeline.addLast(handler);
    }

    /** Aggregates bodies (Content-Length or chunked) and answers oversized ones with a Zaqar-shaped 413. */
    static final class ZaqarAggregator extends HttpObjectAggregator {

        private final ErrorMapper errors;
        private final int maxBytes;

        ZaqarAggregator(int maxBytes, ErrorMapper errors) {
            super(maxBytes, true);
            this.maxBytes = maxBytes;
            this.errors = errors;
        }

        /**
         * The aggregator writes a Content-Length on every request, which would make a request that carried
         * no body at all look like one with an empty body: Zaqar tells them apart ("Request body can not be
         * empty", urlencoded check only with a body), so a bodiless request keeps no Content-Length.
         */
        @Override
        protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
            boolean declared = HttpUtil.isContentLengthSet(aggregated);
            super.finishAggregation(aggregated);
            if (!declared && !aggregated.content().isReadable()) {
                aggregated.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
            }
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            HttpError error = HttpError.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Request body too large",
                    "The request body exceeds the maximum of " + maxBytes + " bytes.");
            FullHttpResponse response = RequestHandler.toNetty(errors.render(error), false);
            ctx.writeAndFlush(response).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
    }
}
