package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;

/**
 * One persistent HTTP/1.1 connection used by one closed-loop worker: one request at a time, keep-alive,
 * reconnecting when the server closes. Blocking I/O on the worker's own thread keeps the client's cost per
 * request to a few microseconds, so that the measured latency is the server's.
 *
 * <p>Not thread-safe: each worker owns its connection. Responses are framed by {@code Content-Length},
 * by chunked transfer encoding, or by the server closing the connection.
 */
final class HttpConnection implements Closeable {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final Target target;
    private final String fixedHeaders;
    private final int timeoutMillis;
    private Socket socket;
    private LineReader in;
    private OutputStream out;

    /**
     * @param target        where to connect
     * @param fixedHeaders  header lines sent with every request, each ending in CRLF
     * @param timeoutMillis connect and read timeout
     */
    HttpConnection(Target target, String fixedHeaders, int timeoutMillis) {
        this.target = requireNonNull(target, "target");
        this.fixedHeaders = "Host: " + target.hostHeader() + "\r\n" + requireNonNull(fixedHeaders, "fixedHeaders");
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends one request and reads the whole answer. A transport failure gives {@link HttpResult#ioError()};
     * a request on a kept-alive connection that the server had already closed is retried once.
     *
     * @param requestTarget path and query, e.g. {@code /v2/queues/q/messages?limit=5}
     * @param body          JSON body, or {@code null} for none
     */
    HttpResult exchange(String method, String requestTarget, byte[] body) {
        try {
            return exchangeOnce(method, requestTarget, body);
        } catch (StaleConnectionException e) {
            close();
            try {
                return exchangeOnce(method, requestTarget, body);
            } catch (IOException retryFailure) {
                close();
                return HttpResult.ioError();
            }
        } catch (IOException e) {
            close();
            return HttpResult.ioError();
        }
    }

    private HttpResult exchangeOnce(String method, String requestTarget, byte[] body) throws IOException {
        boolean reused = ensureOpen();
        String statusLine;
        try {
            writeRequest(method, requestTarget, body);
            statusLine = readLine();
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            throw reused ? new StaleConnectionException() : e;
        }
        if (statusLine == null) {
            throw reused ? new StaleConnectionException() : new EOFException("connection closed before the status line");
        }
        return readResponse(method, statusLine);
    }

    private boolean ensureOpen() throws IOException {
        if (socket != null) {
            return true;
        }
        Socket s = target.tls() ? SSLSocketFactory.getDefault().createSocket() : new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(target.host(), target.port()), timeoutMillis);
        socket = s;
        in = new LineReader(s.getInputStream(), BUFFER_BYTES);
        out = new BufferedOutputStream(s.getOutputStream(), BUFFER_BYTES);
        return false;
    }

    private void writeRequest(String method, String requestTarget, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256 + fixedHeaders.length());
        head.append(method).append(' ').append(requestTarget).append(" HTTP/1.1\r\n").append(fixedHeaders);
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        } else if (!"GET".equals(method)) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    private HttpResult readResponse(String method, String statusLine) throws IOException {
        int status = parseStatus(statusLine);
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            if (isHeader(line, colon, "content-length")) {
                contentLength = Long.parseLong(line.substring(colon + 1).trim());
            } else if (isHeader(line, colon, "transfer-encoding")) {
                chunked = line.toLowerCase(Locale.ROOT).contains("chunked");
            } else if (isHeader(line, colon, "connection")) {
                String value = line.substring(colon + 1).trim();
                close = value.equalsIgnoreCase("close") || (http10 && !value.equalsIgnoreCase("keep-alive"));
            }
        }
        byte[] body = readBody(method, status, chunked, contentLength);
        if (contentLength < 0 && !chunked && hasBody(method, status)) {
            close = true;
        }
        if (close) {
            close();
        }
        return new HttpResult(status, body);
    }

    private static boolean isHeader(String line, int colon, String lowerCaseName) {
        return colon == lowerCaseName.length() && line.regionMatches(true, 0, lowerCaseName, 0, colon);
    }

    private byte[] readBody(String method, int status, boolean chunked, long contentLength) throws IOException {
        if (!hasBody(method, status)) {
            return new byte[0];
        }
        if (chunked) {
            return readChunked();
        }
        if (contentLength >= 0) {
            return in.readBytes((int) contentLength);
        }
        return in.readToEnd();
    }

    private static boolean hasBody(String method, int status) {
        return !"HEAD".equals(method) && status >= 200 && status != 204 && status != 304;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                    // trailers are ignored
                }
                return body.toByteArray();
            }
            body.write(in.readBytes(size));
            readLine();
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        int firstSpace = statusLine.indexOf(' ');
        if (!statusLine.startsWith("HTTP/") || firstSpace < 0 || statusLine.length() < firstSpace + 4) {
            throw new IOException("bad status line: " + statusLine);
        }
        try {
            return Integer.parseInt(statusLine.substring(firstSpace + 1, firstSpace + 4));
        } catch (NumberFormatException e) {
            throw new IOException("bad status line: " + statusLine, e);
        }
    }

    private String readLine() throws IOException {
        return in.readLine();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
            in = null;
            out = null;
        }
    }

    /** The server closed a kept-alive connection before answering: safe to retry once on a new one. */
    private static final class StaleConnectionException extends IOException {
        StaleConnectionException() {
            super("kept-alive connection closed by the server");
        }
    }
}
