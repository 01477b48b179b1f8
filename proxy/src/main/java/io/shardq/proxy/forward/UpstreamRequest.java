package io.shardq.proxy.forward;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.util.List;

/**
 * A client request as the proxy keeps it while routing: its method, URI, end-to-end headers and whole
 * body, so it can be sent more than once (retries, re-routes, parking), one attempt after another: the
 * attempts share the headers, already validated by the client connection's decoder. Each {@link #toNetty} builds a
 * fresh request with the node's Host and, when the client sent a body (by length or chunked), an explicit
 * Content-Length; a request without a body stays without one, as Zaqar tells the two apart.
 */
public record UpstreamRequest(HttpMethod method, String uri, HttpHeaders headers, byte[] body, boolean hasBody) {

    /** Connection-scoped headers that a proxy must not forward (RFC 9110 §7.6.1), plus Content-Length. */
    private static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "content-length", "host", "expect");

    public UpstreamRequest {
        requireNonNull(method, "method");
        requireNonNull(uri, "uri");
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
    }

    /** Copies the end-to-end headers of a client request, dropping hop-by-hop ones. */
    public static UpstreamRequest of(HttpMethod method, String uri, HttpHeaders clientHeaders, byte[] body,
                                     String requestId, boolean hasBody) {
        HttpHeaders headers = new DefaultHttpHeaders(false);
        clientHeaders.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                headers.add(header.getKey(), header.getValue());
            }
        });
        headers.set("X-Request-ID", requestId);
        return new UpstreamRequest(method, uri, headers, body, hasBody || body.length > 0);
    }

    /**
     * The same request with another method and URI (e.g. a metadata GET for a detailed listing), with its
     * own headers, since such requests are sent concurrently.
     */
    public UpstreamRequest with(HttpMethod newMethod, String newUri) {
        HttpHeaders own = new DefaultHttpHeaders(false).set(headers);
        own.remove(HttpHeaderNames.CONTENT_TYPE);
        return new UpstreamRequest(newMethod, newUri, own, new byte[0], false);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** A fresh Netty request for {@code node}, always with a real Content-Length. */
    public FullHttpRequest toNetty(URI node) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.wrappedBuffer(body), headers, EmptyHttpHeaders.INSTANCE);
        request.headers().set(HttpHeaderNames.HOST, node.getHost() + ":" + node.getPort());
        if (hasBody) {
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        return request;
    }
}
