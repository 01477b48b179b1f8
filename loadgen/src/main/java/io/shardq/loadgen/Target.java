package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * Where the load goes: scheme, host, port and the path prefix in front of {@code /v2}, parsed once
 * from {@code --url}.
 *
 * @param tls      {@code true} for {@code https}
 * @param host     host name or address
 * @param port     TCP port (80 or 443 when the URL has none)
 * @param basePath path prefix without a trailing slash, usually empty
 */
public record Target(boolean tls, String host, int port, String basePath) {

    public Target {
        requireNonNull(host, "host");
        requireNonNull(basePath, "basePath");
    }

    /** Parses {@code http://host[:port][/prefix]}; throws {@link IllegalArgumentException} on anything else. */
    public static Target of(String url) {
        URI uri = URI.create(requireNonNull(url, "url"));
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("url: " + url + " (expected: http://host:port or https://host:port)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("url: " + url + " (expected: a host name)");
        }
        boolean tls = "https".equals(scheme);
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new Target(tls, uri.getHost(), port, path);
    }

    /** The value of the {@code Host} header. */
    public String hostHeader() {
        boolean defaultPort = port == (tls ? 443 : 80);
        String host = this.host.contains(":") ? "[" + this.host + "]" : this.host;
        return defaultPort ? host : host + ":" + port;
    }

    /** A request target for an API path such as {@code /v2/queues/q}. */
    public String path(String apiPath) {
        return basePath + apiPath;
    }
}
