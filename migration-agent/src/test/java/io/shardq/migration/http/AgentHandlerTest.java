package io.shardq.migration.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentHandlerTest {

    private static final List<Route> ROUTES = List.of(
            new Route("echo", GET, "/v2/echo", request -> CompletableFuture.completedFuture(
                    AgentResponse.ok("{\"queue\":\"" + request.queue().queue() + "\"}"))),
            new Route("item", DELETE, "/v2/items/{id}", request -> CompletableFuture.completedFuture(
                    request.pathId().equals("gone") ? AgentResponse.noContent() : AgentResponse.ok("{}"))),
            new Route("missing", GET, "/v2/missing", request -> CompletableFuture.failedFuture(
                    new QueueNotFoundException(QueueRef.of("p", "q")))),
            new Route("boom", GET, "/v2/boom", request -> {
                throw new IllegalStateException("bug");
            }));

    @ParameterizedTest(name = "{0} {1} token={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "GET|/v2/echo?queue=orders|-|200|{\"queue\":\"orders\"}",
            "GET|/v2/echo?queue=bad%20name|-|400|Invalid parameter",
            "DELETE|/v2/items/gone|-|204|-",
            "DELETE|/v2/items/a/b|-|404|404 Not Found",
            "DELETE|/v2/items/|-|404|404 Not Found",
            "GET|/v2/items/x|-|405|405 Method Not Allowed",
            "GET|/v2/missing|-|404|Not found",
            "GET|/v2/boom|-|500|quote this id",
            "GET|/v2/echo?queue=q|Bearer t0k|200|{\"queue\":\"q\"}",
            "GET|/v2/echo?queue=q|Bearer wrong|401|Authentication required"})
    void routesAndRendersEveryOutcome(String method, String uri, String authorization, int status, String body) {
        boolean needsToken = authorization != null;
        EmbeddedChannel channel = new EmbeddedChannel(
                new AgentHandler(new Router(ROUTES), new ErrorMapper(), needsToken ? "t0k" : null));
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), uri,
                Unpooled.buffer(0));
        if (authorization != null) {
            request.headers().set("Authorization", authorization);
        }

        channel.writeInbound(request);
        FullHttpResponse response = channel.readOutbound();

        try {
            assertThat(response.status().code()).isEqualTo(status);
            String text = response.content().toString(StandardCharsets.UTF_8);
            assertThat(response.headers().getInt("Content-Length")).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
            if (body == null) {
                assertThat(text).isEmpty();
            } else {
                assertThat(text).contains(body);
            }
            assertThat(request.refCnt()).isZero();
            assertThat((Object) channel.readOutbound()).isNull();
        } finally {
            response.release();
            channel.finishAndReleaseAll();
        }
    }
}
