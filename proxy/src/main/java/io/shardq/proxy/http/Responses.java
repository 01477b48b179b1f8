package io.shardq.proxy.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.shardq.common.json.Json;

/** Builds the responses the proxy answers itself. */
public final class Responses {

    public static final String JSON = "application/json";

    private Responses() {
    }

    public static FullHttpResponse json(HttpResponseStatus status, Object body) {
        try {
            return bytes(status, Json.mapper().writeValueAsBytes(body), JSON);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FullHttpResponse bytes(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (status.code() != 204) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return response;
    }

    public static FullHttpResponse empty(HttpResponseStatus status) {
        return bytes(status, new byte[0], null);
    }
}
