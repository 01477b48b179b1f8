package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.shardq.common.zaqar.HttpError;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of the pipeline: takes one aggregated request at a time (auto-read is off; the next
 * request is read only once this one's response is written, so pipelined requests are answered in
 * order), hands it to the {@link Dispatcher} and writes the answer. Also closes idle connections.
 */
@Sharable
public final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger logger = LoggerFactory.getLogger(RequestHandler.class);
    private static final byte[] NO_BODY = new byte[0];

    private final Dispatcher dispatcher;
    private final ErrorMapper errors;

    public RequestHandler(Dispatcher dispatcher, ErrorMapper errors) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.errors = requireNonNull(errors, "errors");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().config().setAutoRead(false);
        ctx.read();
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            rejectUndecodable(ctx, request.decoderResult().cause());
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        byte[] body = request.content().isReadable() ? ByteBufUtil.getBytes(request.content()) : NO_BODY;
        String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        Integer contentLength = length == null ? null : parseLength(length);
        dispatcher.dispatch(request.method(), request.uri(), request.headers(), body, contentLength)
                .whenComplete((response, failure) -> write(ctx, response, keepAlive));
    }

    private static Integer parseLength(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void rejectUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        boolean tooLong = cause instanceof TooLongFrameException;
        HttpError error = HttpError.of(tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : HttpResponseStatus.BAD_REQUEST, tooLong ? "Request header too large" : "Malformed request",
                tooLong ? "The request line or headers exceed the configured limit." : String.valueOf(cause.getMessage()));
        logger.debug("{} undecodable request: {}", ctx.channel(), cause.toString());
        ctx.writeAndFlush(toNetty(errors.render(error), false)).addListener(ChannelFutureListener.CLOSE);
    }

    private static void write(ChannelHandlerContext ctx, ApiResponse response, boolean keepAlive) {
        FullHttpResponse netty = toNetty(response, keepAlive);
        ctx.writeAndFlush(netty).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                future.channel().close();
            } else if (keepAlive) {
                ctx.read();
            }
        });
    }

    /** Builds the Netty response: content type, content length, keep-alive, extra headers. */
    static FullHttpResponse toNetty(ApiResponse response, boolean keepAlive) {
        FullHttpResponse netty = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(response.body()));
        if (response.contentType() != null) {
            netty.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        if (response.status().code() != 204) {
            netty.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            netty.headers().set(header.getKey(), header.getValue());
        }
        if (!keepAlive) {
            netty.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return netty;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            logger.debug("{} idle, closing", ctx.channel());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logger.debug("{} closing after {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
