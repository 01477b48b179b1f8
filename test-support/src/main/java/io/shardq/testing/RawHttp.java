package io.shardq.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Writes raw bytes to a server and reads what comes back until the server closes or goes quiet:
 * for chunked bodies, pipelining, malformed request lines and headers that no HTTP client would send.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** Sends {@code request} and returns every byte answered within {@code quietMillis} of silence. */
    public static String exchange(String baseUrl, String request, int quietMillis) {
        return exchange(baseUrl, request.getBytes(StandardCharsets.UTF_8), quietMillis);
    }

    /** Sends raw bytes (for bodies that are not valid UTF-8) and returns the answer as text. */
    public static String exchange(String baseUrl, byte[] request, int quietMillis) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(quietMillis);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return readUntilQuiet(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readUntilQuiet(InputStream in) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                buffer.write(chunk, 0, n);
            }
        } catch (IOException quietOrReset) {
            // the server went quiet (keep-alive) or reset: what arrived is the answer
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
