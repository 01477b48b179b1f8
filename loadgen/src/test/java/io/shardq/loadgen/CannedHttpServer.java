package io.shardq.loadgen;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The cheapest server that still speaks the four routes: canned answers, one thread per connection, no
 * state. It exists to measure the load generator's own cost ({@code main PORT}); a claim always returns
 * one message, so every claim is followed by one delete.
 */
final class CannedHttpServer {

    private static final byte[] POSTED = answer("201 Created", "{\"resources\":[\"/v2/queues/q/messages/1\"]}");
    private static final byte[] CLAIMED = answer("201 Created", "{\"messages\":[{\"id\":\"1\",\"href\":"
            + "\"/v2/queues/q/messages/1?claim_id=c\",\"ttl\":60,\"age\":1,\"body\":{\"evt\":\"Single\"}}]}");
    private static final byte[] LISTED = answer("200 OK", "{\"messages\":[{\"id\":\"1\",\"href\":\"/v2/queues/q/messages/1\","
            + "\"ttl\":60,\"age\":1,\"body\":{\"evt\":\"Single\"}}],\"links\":[{\"rel\":\"next\",\"href\":"
            + "\"/v2/queues/q/messages?limit=5&echo=true&include_claimed=true&marker=1\"}]}");
    private static final byte[] NO_CONTENT = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] CREATED = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private CannedHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[0]), 1024, InetAddress.getLoopbackAddress())) {
            System.out.println("public http://127.0.0.1:" + server.getLocalPort());
            while (true) {
                Socket socket = server.accept();
                Thread thread = new Thread(() -> serve(socket));
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            StringBuilder head = new StringBuilder();
            while (readHead(in, head)) {
                String text = head.toString();
                int contentLength = contentLength(text);
                in.skipNBytes(contentLength);
                out.write(answerFor(text));
                out.flush();
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private static byte[] answerFor(String head) {
        String requestLine = head.substring(0, head.indexOf('\r'));
        if (requestLine.startsWith("POST") && requestLine.contains("/claims")) {
            return CLAIMED;
        }
        if (requestLine.startsWith("POST")) {
            return POSTED;
        }
        if (requestLine.startsWith("GET")) {
            return LISTED;
        }
        return requestLine.startsWith("PUT") ? CREATED : NO_CONTENT;
    }

    private static boolean readHead(InputStream in, StringBuilder head) throws IOException {
        head.setLength(0);
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            int n = head.length();
            if (n >= 4 && b == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') {
                return true;
            }
        }
        return false;
    }

    private static int contentLength(String head) {
        int at = head.toLowerCase().indexOf("\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int end = head.indexOf('\r', at + 1);
        return Integer.parseInt(head.substring(at + 16, end).trim());
    }

    private static byte[] answer(String status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] all = new byte[head.length() + bytes.length];
        System.arraycopy(head.getBytes(StandardCharsets.ISO_8859_1), 0, all, 0, head.length());
        System.arraycopy(bytes, 0, all, head.length(), bytes.length);
        return all;
    }
}
