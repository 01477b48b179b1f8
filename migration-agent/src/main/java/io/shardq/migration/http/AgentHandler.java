package io.shardq.migration.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.shardq.common.zaqar.HttpError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in the pipeline, after the aggregator: checks the bearer token (when one is configured), routes the
 * request, and writes the route's answer or the {@link ErrorMapper}'s. Routes complete asynchronously;
 * nothing here blocks the event loop. Stateless, so one instance serves every channel.
 */
@Sharable
public final class AgentHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger logger = LoggerFactory.getLogger(AgentHandler.class);

    private final Router router;
    private final ErrorMapper errors;
    private final byte[] expectedAuthorization;

    /** @param token the bearer token every request must carry, or {@code null} for none */
    public AgentHandler(Router router, ErrorMapper errors, String token) {
        this.router = requireNonNull(router, "router");
        this.errors = requireNonNull(errors, "errors");
        this.expectedAuthorization = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest http) {
        boolean keepAlive = HttpUtil.isKeepAlive(http);
        Router.Matched matched;
        try {
            authorize(http);
            matched = router.route(decode(http));
        } catch (RuntimeException e) {
            write(ctx, errors.map(e, "-"), keepAlive);
            return;
        }
        String name = matched.route().name();
        CompletionStage<AgentResponse> answer;
        try {
            answer = matched.route().handler().handle(matched.request());
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, failure) ->
                write(ctx, failure == null ? response : errors.map(failure, name), keepAlive));
    }

    private void authorize(FullHttpRequest http) {
        if (expectedAuthorization == null) {
            return;
        }
        String given = http.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (given == null || !MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8))) {
            throw HttpError.of(HttpResponseStatus.UNAUTHORIZED, "Authentication required",
                    "Authorization: Bearer <agent token> is missing or wrong.");
        }
    }

    private static AgentRequest decode(FullHttpRequest http) {
        QueryStringDecoder decoder = new QueryStringDecoder(http.uri());
        Map<String, String> query = new HashMap<>();
        for (Map.Entry<String, List<String>> parameter : decoder.parameters().entrySet()) {
            query.put(parameter.getKey(), parameter.getValue().get(0));
        }
        String body = http.content().isReadable() ? http.content().toString(StandardCharsets.UTF_8) : null;
        return new AgentRequest(http.method(), decoder.path(), query, body, null);
    }

    private static void write(ChannelHandlerContext ctx, AgentResponse response, boolean keepAlive) {
        byte[] body = response.json() == null ? new byte[0] : response.json().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(),
                Unpooled.wrappedBuffer(body));
        if (response.json() != null) {
            http.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON + "; charset=UTF-8");
        }
        response.headers().forEach(http.headers()::set);
        HttpUtil.setContentLength(http, body.length);
        HttpUtil.setKeepAlive(http, keepAlive);
        ctx.writeAndFlush(http);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            logger.debug("{} closing after {}", ctx.channel(), cause.toString()); // a peer reset or went away
        } else {
            logger.warn("{} closing after an unexpected failure", ctx.channel(), cause);
        }
        ctx.close();
    }
}
