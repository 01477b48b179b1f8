package io.shardq.partition.config;

import java.util.List;

/**
 * HTTP server settings.
 *
 * @param maxRequestBytes      largest request body accepted, bytes; default {@value #DEFAULT_MAX_REQUEST_BYTES}
 *                             (larger bodies get a Zaqar-shaped 413 and the connection is closed)
 * @param maxHeaderBytes       largest header block, bytes; default {@value #DEFAULT_MAX_HEADER_BYTES}
 * @param maxInitialLineBytes  longest request line, bytes; default {@value #DEFAULT_MAX_INITIAL_LINE_BYTES}
 * @param idleTimeoutSeconds   idle keep-alive connections are closed after this; default {@value #DEFAULT_IDLE_TIMEOUT_SECONDS}
 * @param workerThreads        event loops; {@code 0} means 2 × cores (default)
 * @param shutdownQuietMillis  graceful shutdown quiet period, ms; default {@value #DEFAULT_SHUTDOWN_QUIET_MILLIS}
 */
public record HttpConfig(Integer maxRequestBytes, Integer maxHeaderBytes, Integer maxInitialLineBytes,
                         Integer idleTimeoutSeconds, Integer workerThreads, Integer shutdownQuietMillis) {

    public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_INITIAL_LINE_BYTES = 8 * 1024;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 120;
    public static final int DEFAULT_SHUTDOWN_QUIET_MILLIS = 500;

    public HttpConfig {
        maxRequestBytes = maxRequestBytes == null ? DEFAULT_MAX_REQUEST_BYTES : maxRequestBytes;
        maxHeaderBytes = maxHeaderBytes == null ? DEFAULT_MAX_HEADER_BYTES : maxHeaderBytes;
        maxInitialLineBytes = maxInitialLineBytes == null ? DEFAULT_MAX_INITIAL_LINE_BYTES : maxInitialLineBytes;
        idleTimeoutSeconds = idleTimeoutSeconds == null ? DEFAULT_IDLE_TIMEOUT_SECONDS : idleTimeoutSeconds;
        workerThreads = workerThreads == null ? 0 : workerThreads;
        shutdownQuietMillis = shutdownQuietMillis == null ? DEFAULT_SHUTDOWN_QUIET_MILLIS : shutdownQuietMillis;
    }

    public static HttpConfig defaults() {
        return new HttpConfig(null, null, null, null, null, null);
    }

    void validate(List<String> problems) {
        positive("http.max_request_bytes", maxRequestBytes, problems);
        positive("http.max_header_bytes", maxHeaderBytes, problems);
        positive("http.max_initial_line_bytes", maxInitialLineBytes, problems);
        positive("http.idle_timeout_seconds", idleTimeoutSeconds, problems);
        if (workerThreads < 0) {
            problems.add("http.worker_threads: " + workerThreads + " (expected: >= 0)");
        }
        if (shutdownQuietMillis < 0) {
            problems.add("http.shutdown_quiet_millis: " + shutdownQuietMillis + " (expected: >= 0)");
        }
    }

    static void positive(String name, int value, List<String> problems) {
        if (value <= 0) {
            problems.add(name + ": " + value + " (expected: > 0)");
        }
    }
}
