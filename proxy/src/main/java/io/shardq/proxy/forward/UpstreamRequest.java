package io.shardq.proxy.forward;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A client request as the proxy keeps it while routing: its method, URI, end-to-end headers and whole
 * body, so it can be sent more than once (retries, re-routes, parking), one attempt after another: the
 * attempts share the headers, already validated by the client connection's decoder. The body is the
 * client request's own buffer, retained (not copied) until {@link #release()}; each {@link #toNetty}
 * sends a retained duplicate of it with the node's Host and, when the client sent a body (by length or
 * chunked), an explicit Content-Length; a request without a body stays without one, as Zaqar tells the
 * two apart.
 */
public final class UpstreamRequest {

    /**
     * Besides the {@link HopByHop} ones, request headers a proxy must not forward: credentials for this proxy,
     * and what {@link #toNetty} sets for each node (Content-Length, Host) or the client's connection answered
     * (Expect).
     */
    private static final List<AsciiString> PROXY_SCOPED = List.of(HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.HOST,
            HttpHeaderNames.EXPECT);
    private static final AsciiString REQUEST_ID = AsciiString.cached("X-Request-ID");

    private final HttpMethod method;
    private final String uri;
    private final HttpHeaders headers;
    private final ByteBuf body;
    private final boolean hasBody;

    private UpstreamRequest(HttpMethod method, String uri, HttpHeaders headers, ByteBuf body, boolean hasBody) {
        this.method = requireNonNull(method, "method");
        this.uri = requireNonNull(uri, "uri");
        this.headers = requireNonNull(headers, "headers");
        this.body = requireNonNull(body, "body");
        this.hasBody = hasBody;
    }

    /**
     * Takes over an aggregated client request's headers (dropping hop-by-hop ones in place, so the client
     * request's own headers change) and retains its body; {@link #release()} gives the body back.
     */
    public static UpstreamRequest of(FullHttpRequest client, String requestId) {
        boolean hasBody = HttpUtil.isContentLengthSet(client) || client.content().isReadable();
        HttpHeaders headers = client.headers();
        HopByHop.remove(headers);
        for (AsciiString name : PROXY_SCOPED) {
            headers.remove(name);
        }
        headers.set(REQUEST_ID, requestId);
        return new UpstreamRequest(client.method(), client.uri(), headers, client.content().retain(), hasBody);
    }

    /**
     * The same request with another method and URI (e.g. a metadata GET for a detailed listing), with its
     * own headers and no body, since such requests are sent concurrently; nothing to release.
     */
    public UpstreamRequest with(HttpMethod newMethod, String newUri) {
        HttpHeaders own = new DefaultHttpHeaders(false).set(headers);
        own.remove(HttpHeaderNames.CONTENT_TYPE);
        return new UpstreamRequest(newMethod, newUri, own, Unpooled.EMPTY_BUFFER, false);
    }

    public HttpMethod method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** A fresh Netty request for {@code node} (the caller owns it), always with a real Content-Length. */
    public FullHttpRequest toNetty(URI node) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                body.retainedDuplicate(), headers, EmptyHttpHeaders.INSTANCE);
        request.headers().set(HttpHeaderNames.HOST, node.getHost() + ":" + node.getPort());
        if (hasBody) {
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        return request;
    }

    /** The body as text (UTF-8), for the few requests whose content the proxy itself looks at. */
    public String bodyText() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Gives the client's body back; call once, after the last attempt was built. */
    public void release() {
        body.release();
    }
}
