package io.shardq.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.proxy.testing.FleetExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests a client pipelines on one connection are answered in the order sent, also beyond the number the
 * proxy holds per connection before it stops reading (it reads on once they drain), and the connection
 * then serves further requests.
 */
class PipeliningIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).build();

    private static final int REQUESTS = FrontendHandler.MAX_PIPELINED * 3 + 1;

    @Test
    void pipelinedRequestsAreAnsweredInOrderBeyondTheReadLimit() throws Exception {
        URI proxy = URI.create(fleet.proxy().publicUrl());
        assertThat(fleet.client("pipelining").put("/v2/queues/orders", "{}").status()).isEqualTo(201);
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            socket.setSoTimeout(20_000);
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++) {
                String path = i % 2 == 0 ? "/v2/queues/orders/stats" : "/v2/queues/orders/messages/51db6f78c508f17ddc92430" + i % 10;
                batch.append("GET ").append(path).append(" HTTP/1.1\r\nHost: proxy\r\nX-Project-ID: pipelining\r\n")
                        .append("Client-ID: 3381af92-2b9e-11e3-b191-71861300734c\r\nX-Request-ID: r").append(i)
                        .append("\r\n\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(batch.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();

            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            List<String> ids = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Answer answer = Answer.read(in);
                ids.add(answer.requestId);
                statuses.add(answer.status);
            }
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(ids.get(i)).isEqualTo("r" + i);
                assertThat(statuses.get(i)).as("answer %d", i).isEqualTo(i % 2 == 0 ? 200 : 404);
            }

            out.write(("GET /v2/queues/orders/stats HTTP/1.1\r\nHost: proxy\r\nX-Project-ID: pipelining\r\n"
                    + "Client-ID: 3381af92-2b9e-11e3-b191-71861300734c\r\nX-Request-ID: after\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Answer after = Answer.read(in);
            assertThat(after.requestId).isEqualTo("after");
            assertThat(after.status).isEqualTo(200);
        }
    }

    /** One HTTP/1.1 answer with a Content-Length body, read off the stream. */
    private record Answer(int status, String requestId) {

        static Answer read(BufferedReader in) throws Exception {
            String statusLine = in.readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 ");
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            String requestId = null;
            int length = 0;
            String line;
            while (!(line = in.readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim().toLowerCase();
                String value = line.substring(colon + 1).trim();
                if (name.equals("x-request-id")) {
                    requestId = value;
                } else if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                }
            }
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                assertThat(n).isPositive();
                read += n;
            }
            return new Answer(status, requestId);
        }
    }
}
