package io.shardq.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Buffered reads of HTTP response heads and bodies from one socket stream: lines are scanned in the buffer
 * rather than byte by byte through a synchronized stream. Not thread-safe; one per connection.
 */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    LineReader(InputStream in, int bufferBytes) {
        this.in = in;
        this.buffer = new byte[bufferBytes];
    }

    /** The next line without its CRLF (or LF), as ISO-8859-1; {@code null} at end of stream before any byte. */
    String readLine() throws IOException {
        ByteArrayOutputStream spill = null;
        while (true) {
            if (position == limit && !fill()) {
                return spill == null ? null : spill.toString(StandardCharsets.ISO_8859_1);
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    String line = spill == null ? new String(buffer, position, end - position, StandardCharsets.ISO_8859_1)
                            : joined(spill, end, i);
                    position = i + 1;
                    return line;
                }
            }
            if (spill == null) {
                spill = new ByteArrayOutputStream();
            }
            spill.write(buffer, position, limit - position);
            position = limit;
        }
    }

    private String joined(ByteArrayOutputStream spill, int end, int newline) {
        spill.write(buffer, position, end - position);
        byte[] bytes = spill.toByteArray();
        int length = bytes.length;
        if (end == newline && length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Exactly {@code n} bytes. */
    byte[] readBytes(int n) throws IOException {
        byte[] out = new byte[n];
        int copied = Math.min(n, limit - position);
        System.arraycopy(buffer, position, out, 0, copied);
        position += copied;
        while (copied < n) {
            int read = in.read(out, copied, n - copied);
            if (read < 0) {
                throw new EOFException("body shorter than " + n + " bytes");
            }
            copied += read;
        }
        return out;
    }

    /** Everything up to the end of the stream. */
    byte[] readToEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(buffer, position, limit - position);
        position = limit;
        out.write(in.readAllBytes());
        return out.toByteArray();
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read <= 0) {
            return false;
        }
        position = 0;
        limit = read;
        return true;
    }
}
