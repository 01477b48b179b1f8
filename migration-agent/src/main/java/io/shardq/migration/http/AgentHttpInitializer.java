package io.shardq.migration.http;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.shardq.common.http.ZaqarAggregator;
import java.nio.charset.StandardCharsets;

/** The agent's pipeline: codec, keep-alive, body aggregation (export pages are large), {@link AgentHandler}. */
public final class AgentHttpInitializer extends ChannelInitializer<SocketChannel> {

    private final AgentHandler handler;
    private final int maxBodyBytes;

    public AgentHttpInitializer(AgentHandler handler, int maxBodyBytes) {
        this.handler = requireNonNull(handler, "handler");
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new ZaqarAggregator(maxBodyBytes, this::tooLarge))
                .addLast(handler);
    }

    private FullHttpResponse tooLarge() {
        byte[] body = ("{\"title\":\"Request body too large\",\"description\":\"The body is larger than "
                + maxBodyBytes + " bytes.\"}").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }
}
