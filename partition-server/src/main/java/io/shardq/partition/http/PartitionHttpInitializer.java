package io.shardq.partition.http;

import io.shardq.common.zaqar.HttpError;
import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
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
        /** Whether the request being aggregated declared a body (Content-Length or chunked); event loop only. */
        private boolean declaredBody;

        ZaqarAggregator(int maxBytes, ErrorMapper errors) {
            super(maxBytes, true);
            this.maxBytes = maxBytes;
            this.errors = errors;
        }

        @Override
        protected FullHttpMessage beginAggregation(HttpMessage start, ByteBuf content) throws Exception {
            declaredBody = HttpUtil.isContentLengthSet(start) || HttpUtil.isTransferEncodingChunked(start);
            return super.beginAggregation(start, content);
        }

        /**
         * Sets Content-Length to the aggregated size only for requests that declared a body, so that a
         * request without any body keeps no Content-Length (Zaqar: "Request body can not be empty").
         */
        @Override
        protected void finishAggregation(FullHttpMessage aggregated) throws Exception {
            if (declaredBody) {
                super.finishAggregation(aggregated);
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
