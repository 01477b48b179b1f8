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
import io.shardq.common.zaqar.HttpError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of a client connection: one aggregated request at a time (auto-read is off; the next is
 * read only once this one's answer is written, so pipelined requests are answered in order and a slow
 * partition slows its own clients down rather than filling memory), handed to the {@link ProxyDispatcher}.
 */
@Sharable
public final class FrontendHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger logger = LoggerFactory.getLogger(FrontendHandler.class);
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "transfer-encoding",
            "proxy-connection", "upgrade", "trailer", "te");

    private final ProxyDispatcher dispatcher;
    private final ProxyErrorMapper errors;

    public FrontendHandler(ProxyDispatcher dispatcher, ProxyErrorMapper errors) {
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
        answer.whenComplete((response, failure) -> write(ctx, failure == null ? response : errors.map(failure),
                keepAlive));
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HOP_BY_HOP.forEach(name -> response.headers().remove(name));
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
                ctx.read();
            }
        });
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
