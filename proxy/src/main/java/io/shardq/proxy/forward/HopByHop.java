package io.shardq.proxy.forward;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * Headers that belong to one connection, not to the message a proxy passes on (RFC 9110 §7.6.1), as names
 * with cached hashes: removed from each request before it goes upstream and from each answer before it goes
 * back to the client.
 */
public final class HopByHop {

    private static final List<AsciiString> CONNECTION_SCOPED = List.of(HttpHeaderNames.CONNECTION,
            HttpHeaderNames.KEEP_ALIVE, AsciiString.cached("proxy-connection"), HttpHeaderNames.TE,
            HttpHeaderNames.TRAILER, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE);

    private HopByHop() {
    }

    /** Removes the connection-scoped headers from {@code headers}, in place. */
    public static void remove(HttpHeaders headers) {
        for (AsciiString name : CONNECTION_SCOPED) {
            headers.remove(name);
        }
    }
}
