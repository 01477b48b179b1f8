package io.shardq.common.config;

import java.util.List;

/**
 * One listening socket.
 *
 * @param host interface to bind; default {@value #DEFAULT_HOST}
 * @param port TCP port; {@code 0} picks a free one (printed on start)
 */
public record ListenerConfig(String host, Integer port) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public ListenerConfig {
        host = host == null ? DEFAULT_HOST : host;
    }

    public static ListenerConfig of(String host, int port) {
        return new ListenerConfig(host, port);
    }

    /** This listener, with {@code defaultPort} when no port was given. */
    public ListenerConfig withDefaultPort(int defaultPort) {
        return port == null ? new ListenerConfig(host, defaultPort) : this;
    }

    /** Adds this listener's problems, prefixed by {@code name}, to {@code problems}. */
    public void validate(String name, List<String> problems) {
        if (host.isBlank()) {
            problems.add(name + ".host: must not be blank");
        }
        if (port == null || port < 0 || port > 65535) {
            problems.add(name + ".port: " + port + " (expected: 0..65535)");
        }
    }
}
