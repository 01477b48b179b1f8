package io.shardq.partition.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response before it becomes Netty's: status, extra headers, and a body with its content type. */
public record ApiResponse(HttpResponseStatus status, Map<String, String> headers, byte[] body, String contentType) {

    public static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];

    public static ApiResponse json(HttpResponseStatus status, byte[] body) {
        return new ApiResponse(status, Map.of(), body, JSON);
    }

    public static ApiResponse ok(byte[] body) {
        return json(HttpResponseStatus.OK, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(HttpResponseStatus.NO_CONTENT, Map.of(), EMPTY, null);
    }

    public static ApiResponse status(HttpResponseStatus status) {
        return new ApiResponse(status, Map.of(), EMPTY, status == HttpResponseStatus.NO_CONTENT ? null : JSON);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.put(name, value);
        return new ApiResponse(status, merged, body, contentType);
    }

    public ApiResponse withContentType(String type) {
        return new ApiResponse(status, headers, body, type);
    }
}
