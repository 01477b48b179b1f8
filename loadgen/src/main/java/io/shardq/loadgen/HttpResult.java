package io.shardq.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer as the load generator sees it.
 *
 * @param status the status code, or {@link #IO_ERROR} when the request failed at the transport level
 * @param body   the raw body, possibly empty
 */
public record HttpResult(int status, byte[] body) {

    /** The pseudo status recorded when the connection failed (refused, reset, timed out, bad framing). */
    public static final int IO_ERROR = 0;

    private static final byte[] EMPTY = new byte[0];

    public static HttpResult ioError() {
        return new HttpResult(IO_ERROR, EMPTY);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
