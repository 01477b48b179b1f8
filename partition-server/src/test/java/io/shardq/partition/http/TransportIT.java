package io.shardq.partition.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.RawHttp;
import io.shardq.testing.ZaqarHttp;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP/1.1 over a raw socket: pipelining, chunked bodies, connection close. */
class TransportIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    private static final String HEADERS = "Host: x\r\nClient-ID: 3381af92-2b9e-11e3-b191-71861300734c\r\n"
            + "X-Project-ID: transport\r\n";

    @Test
    void pipelinedRequestsAreAnsweredInOrder() {
        String body = "{\"messages\":[{\"body\":\"first\"}]}";
        String post = "POST /v2/queues/pipe/messages HTTP/1.1\r\n" + HEADERS
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        String stats = "GET /v2/queues/pipe/stats HTTP/1.1\r\n" + HEADERS + "\r\n";
        String missing = "GET /v2/nothing-here HTTP/1.1\r\n" + HEADERS + "\r\n";
        String answer = RawHttp.exchange(server.publicUrl(), post + stats + missing + stats, 1500);
        Matcher statuses = Pattern.compile("HTTP/1.1 (\\d{3})").matcher(answer);
        StringBuilder seen = new StringBuilder();
        while (statuses.find()) {
            seen.append(statuses.group(1)).append(' ');
        }
        assertThat(seen.toString().trim()).isEqualTo("201 200 404 200");
        assertThat(answer).contains("\"total\":1");
    }

    @Test
    void chunkedBodiesAreAccepted() {
        String body = "{\"messages\":[{\"body\":\"chunked\"}]}";
        String chunked = Integer.toHexString(10) + "\r\n" + body.substring(0, 10) + "\r\n"
                + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n";
        String request = "POST /v2/queues/chunky/messages HTTP/1.1\r\n" + HEADERS
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked;
        assertThat(RawHttp.exchange(server.publicUrl(), request, 2000)).startsWith("HTTP/1.1 201");
        ZaqarHttp client = server.client("transport");
        assertThat(client.get("/v2/queues/chunky/messages").json().at("/messages/0/body").asText()).isEqualTo("chunked");
    }

    @Test
    void connectionCloseIsHonoured() {
        String request = "GET /v2/queues/x/stats HTTP/1.1\r\n" + HEADERS + "Connection: close\r\n\r\n";
        String answer = RawHttp.exchange(server.publicUrl(), request, 5000);
        assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
    }

    @Test
    void bodiesOverTheRequestLimitGetAZaqarShaped413() {
        String request = "POST /v2/queues/big/messages HTTP/1.1\r\n" + HEADERS
                + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n";
        String answer = RawHttp.exchange(server.publicUrl(), request, 2000);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"title\":\"Request body too large\"");
        assertThat(server.client("transport").get("/v2/queues/big/stats").status()).isEqualTo(200);
    }
}
