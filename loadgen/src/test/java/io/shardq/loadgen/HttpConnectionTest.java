package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {

    /** Answers each request with the next canned response; "CLOSE" after one closes the socket. */
    private final Queue<String> answers = new ConcurrentLinkedQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;

    private HttpConnection connect() throws IOException {
        server = new ServerSocket(0);
        Thread acceptor = new Thread(this::serve);
        acceptor.setDaemon(true);
        acceptor.start();
        return new HttpConnection(Target.of("http://127.0.0.1:" + server.getLocalPort()), "Client-ID: c\r\n", 2000);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                while (true) {
                    StringBuilder request = new StringBuilder();
                    int contentLength = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        request.append(line).append('\n');
                        if (line.toLowerCase().startsWith("content-length:")) {
                            contentLength = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    if (request.length() == 0) {
                        break;
                    }
                    char[] body = new char[contentLength];
                    in.read(body);
                    requests.add(request + new String(body));
                    String answer = answers.poll();
                    boolean close = answer.endsWith("CLOSE");
                    out.write(answer.replace("CLOSE", "").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (close) {
                        break;
                    }
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void readsContentLengthBodiesOverOneKeptAliveConnection() throws IOException {
        answers.add("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");
        answers.add("HTTP/1.1 204 No Content\r\n\r\n");
        try (HttpConnection connection = connect()) {
            HttpResult posted = connection.exchange("POST", "/v2/queues/q/messages", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            HttpResult deleted = connection.exchange("DELETE", "/v2/queues/q", null);

            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.bodyText()).isEqualTo("{}");
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(connections.get()).isEqualTo(1);
            assertThat(requests.get(0)).startsWith("POST /v2/queues/q/messages HTTP/1.1\n")
                    .contains("Client-ID: c\n", "Content-Type: application/json\n", "Content-Length: 7\n")
                    .endsWith("{\"a\":1}");
            assertThat(requests.get(1)).contains("Content-Length: 0\n");
        }
    }

    @Test
    void readsChunkedBodies() throws IOException {
        answers.add("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"m\r\n5;ext=1\r\n\":[]}\r\n0\r\n\r\n");
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]");
        try (HttpConnection connection = connect()) {
            assertThat(connection.exchange("GET", "/a", null).bodyText()).isEqualTo("{\"m\":[]}");
            assertThat(connection.exchange("GET", "/b", null).bodyText()).isEqualTo("[]");
            assertThat(connections.get()).isEqualTo(1);
        }
    }

    @Test
    void reconnectsWhenTheServerClosesAKeptAliveConnection() throws IOException {
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\naCLOSE");
        answers.add("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
        try (HttpConnection connection = connect()) {
            assertThat(connection.exchange("GET", "/a", null).bodyText()).isEqualTo("a");
            assertThat(connection.exchange("GET", "/b", null).bodyText()).isEqualTo("b");
            assertThat(connections.get()).isEqualTo(2);
            assertThat(requests).hasSize(2);
        }
    }

    @Test
    void honoursConnectionCloseAndHttp10() throws IOException {
        answers.add("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\naCLOSE");
        answers.add("HTTP/1.0 200 OK\r\n\r\nuntil-eofCLOSE");
        try (HttpConnection connection = connect()) {
            assertThat(connection.exchange("GET", "/a", null).bodyText()).isEqualTo("a");
            assertThat(connection.exchange("GET", "/b", null).bodyText()).isEqualTo("until-eof");
            assertThat(connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedConnectionIsAnIoError() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        server = new ServerSocket(0);
        try (HttpConnection connection = new HttpConnection(Target.of("http://127.0.0.1:" + port), "", 1000)) {
            assertThat(connection.exchange("GET", "/", null).status()).isEqualTo(HttpResult.IO_ERROR);
        }
    }
}
