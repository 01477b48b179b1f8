package io.shardq.proxy.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.forward.HopByHop;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of a client connection: one aggregated request at a time, handed to the {@link ProxyDispatcher};
 * requests a client pipelines behind it wait, in order, until its answer is written. At most
 * {@value #MAX_PIPELINED} wait per connection: beyond that the connection stops reading until they drain, so a
 * slow partition slows its own clients down rather than filling memory. A client that sends one request at a
 * time (nearly all) never stops the reading, which spares two {@code epoll_ctl} calls per request.
 */
@Sharable
public final class FrontendHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger logger = LoggerFactory.getLogger(FrontendHandler.class);
    /** Pipelined requests held per connection before it stops reading. */
    static final int MAX_PIPELINED = 16;
    private static final AttributeKey<Connection> CONNECTION = AttributeKey.valueOf(FrontendHandler.class, "connection");

    private final ProxyDispatcher dispatcher;
    private final ProxyErrorMapper errors;

    public FrontendHandler(ProxyDispatcher dispatcher, ProxyErrorMapper errors) {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher");
        this.errors = requireNonNull(errors, "errors");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.channel().attr(CONNECTION).set(new Connection());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Connection connection = ctx.channel().attr(CONNECTION).getAndSet(null);
        if (connection != null) {
            connection.discard();
        }
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Connection connection = ctx.channel().attr(CONNECTION).get();
        if (connection == null) {
            return;
        }
        if (connection.busy) {
            connection.pending.add(request.retain());
            if (connection.pending.size() >= MAX_PIPELINED) {
                ctx.channel().config().setAutoRead(false);
            }
            return;
        }
        handle(ctx, connection, request);
    }

    /** On the event loop: answers {@code request} (the caller keeps ownership of it); the next waits for the answer. */
    private void handle(ChannelHandlerContext ctx, Connection connection, FullHttpRequest request) {
        connection.busy = true;
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            boolean tooLong = cause instanceof TooLongFrameException;
            HttpError error = HttpError.of(tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST, tooLong ? "Request header too large" : "Malformed request",
                    tooLong ? "The request line or headers exceed the configured limit." : String.valueOf(cause.getMessage()));
            ctx.writeAndFlush(closing(errors.render(error))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        CompletionStage<FullHttpResponse> answer;
        try {
            answer = dispatcher.dispatch(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) -> write(ctx, connection,
                failure == null ? response : errors.map(failure), keepAlive));
    }

    private void write(ChannelHandlerContext ctx, Connection connection, FullHttpResponse response, boolean keepAlive) {
        HopByHop.remove(response.headers());
        if (response.status().code() != 204 && response.status().code() != 304) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        if (!keepAlive) {
            closing(response);
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess() || !keepAlive) {
                future.channel().close();
            } else {
                next(ctx, connection);
            }
        });
    }

    /** On the event loop, once an answer is written: the next pipelined request, and reading again if stopped. */
    private void next(ChannelHandlerContext ctx, Connection connection) {
        connection.busy = false;
        FullHttpRequest next = connection.pending.poll();
        if (next != null) {
            try {
                handle(ctx, connection, next);
            } finally {
                next.release();
            }
        }
        if (!ctx.channel().config().isAutoRead() && connection.pending.size() < MAX_PIPELINED) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** One client connection's state, touched on its event loop only. */
    private static final class Connection {
        final ArrayDeque<FullHttpRequest> pending = new ArrayDeque<>();
        boolean busy;

        void discard() {
            FullHttpRequest request;
            while ((request = pending.poll()) != null) {
                request.release();
            }
        }
    }

    private static FullHttpResponse closing(FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return response;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
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
