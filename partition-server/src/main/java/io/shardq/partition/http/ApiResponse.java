package io.shardq.partition.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.partition.storage.Touched;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before it becomes Netty's: status, extra headers, and a body with its content type.
 *
 * @param touched what a write did to its queue's messages, for the queue's change journal ({@link FenceGuard});
 *                {@code null} when the handler did not say, which counts as "may have changed anything"
 */
public record ApiResponse(HttpResponseStatus status, Map<String, String> headers, byte[] body, String contentType,
                          Touched touched) {

    public static final String JSON = "application/json";
    private static final byte[] EMPTY = new byte[0];

    public ApiResponse(HttpResponseStatus status, Map<String, String> headers, byte[] body, String contentType) {
        this(status, headers, body, contentType, null);
    }

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
        return new ApiResponse(status, merged, body, contentType, touched);
    }

    public ApiResponse withContentType(String type) {
        return new ApiResponse(status, headers, body, type, touched);
    }

    /** The same response, saying which messages its write changed. */
    public ApiResponse withTouched(Touched what) {
        return new ApiResponse(status, headers, body, contentType, what);
    }
}
