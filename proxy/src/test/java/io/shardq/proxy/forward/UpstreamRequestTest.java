package io.shardq.proxy.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamRequestTest {

    private static final URI NODE = URI.create("http://10.0.0.7:9001");

    private static FullHttpRequest client(String body, boolean declared) {
        ByteBuf content = Unpooled.directBuffer().writeBytes(body.getBytes(StandardCharsets.UTF_8));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/v2/queues/q1/messages", content);
        request.headers().set("Host", "proxy:8080").set("Connection", "keep-alive").set("Keep-Alive", "timeout=5")
                .set("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c").set("X-Project-ID", "p1")
                .set("Content-Type", "application/json").set("Expect", "100-continue");
        if (declared) {
            request.headers().setInt("Content-Length", body.length());
        }
        return request;
    }

    @Test
    void forwardsTheClientsBodyWithoutCopyingItAndKeepsItUntilReleased() {
        FullHttpRequest client = client("[{\"ttl\":60,\"body\":1}]", true);
        ByteBuf clientBody = client.content();

        UpstreamRequest upstream = UpstreamRequest.of(client, "rid-1");
        client.release(); // the client connection's handler is done with it
        FullHttpRequest first = upstream.toNetty(NODE);
        FullHttpRequest second = upstream.toNetty(NODE);

        assertThat(clientBody.refCnt()).as("one buffer, held by the upstream request and both attempts").isEqualTo(3);
        assertThat(first.content().toString(StandardCharsets.UTF_8)).isEqualTo("[{\"ttl\":60,\"body\":1}]");
        assertThat(second.content().toString(StandardCharsets.UTF_8)).isEqualTo("[{\"ttl\":60,\"body\":1}]");
        first.release();
        second.release();
        assertThat(clientBody.refCnt()).isEqualTo(1);
        upstream.release();
        assertThat(clientBody.refCnt()).isZero();
    }

    @Test
    void dropsHopByHopHeadersAndSetsTheNodesHostLengthAndRequestId() {
        UpstreamRequest upstream = UpstreamRequest.of(client("{}", true), "rid-2");
        FullHttpRequest sent = upstream.toNetty(NODE);

        assertThat(sent.headers().get("Host")).isEqualTo("10.0.0.7:9001");
        assertThat(sent.headers().getInt("Content-Length")).isEqualTo(2);
        assertThat(sent.headers().get("X-Request-ID")).isEqualTo("rid-2");
        assertThat(sent.headers().get("Client-ID")).isEqualTo("3381af92-2b9e-11e3-b191-71861300734c");
        assertThat(sent.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(sent.headers().contains("Connection")).isFalse();
        assertThat(sent.headers().contains("Keep-Alive")).isFalse();
        assertThat(sent.headers().contains("Expect")).isFalse();
        assertThat(upstream.header("X-Project-ID")).isEqualTo("p1");
        sent.release();
        upstream.release();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anEmptyBodyKeepsAContentLengthOnlyWhenTheClientDeclaredOne(boolean declared) {
        UpstreamRequest upstream = UpstreamRequest.of(client("", declared), "rid-3");
        FullHttpRequest sent = upstream.toNetty(NODE);

        assertThat(sent.headers().get("Content-Length")).isEqualTo(declared ? "0" : null);
        sent.release();
        upstream.release();
    }

    @Test
    void aDerivedRequestHasItsOwnHeadersAndNoBody() {
        UpstreamRequest upstream = UpstreamRequest.of(client("{}", true), "rid-4");
        UpstreamRequest metadata = upstream.with(HttpMethod.GET, "/v2/queues/q1");
        FullHttpRequest sent = metadata.toNetty(NODE);
        FullHttpRequest original = upstream.toNetty(URI.create("http://10.0.0.8:9002"));

        assertThat(sent.method()).isEqualTo(HttpMethod.GET);
        assertThat(sent.content().readableBytes()).isZero();
        assertThat(sent.headers().contains("Content-Length")).isFalse();
        assertThat(sent.headers().contains("Content-Type")).isFalse();
        assertThat(sent.headers().get("Host")).isEqualTo("10.0.0.7:9001");
        assertThat(sent.headers().get("X-Request-ID")).isEqualTo("rid-4");
        assertThat(original.headers().get("Content-Type")).isEqualTo("application/json");
        sent.release();
        original.release();
        metadata.release();
        upstream.release();
    }
}
