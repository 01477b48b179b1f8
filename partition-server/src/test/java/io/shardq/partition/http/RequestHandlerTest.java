package io.shardq.partition.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.partition.config.HttpConfig;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The partition server's real pipeline ({@link PartitionHttpInitializer}) on an embedded channel, in
 * front of a dispatcher whose routes return futures the test completes by hand.
 */
class RequestHandlerTest {

    private static final int MAX_REQUEST_BYTES = 64;
    private static final int MAX_HEADER_BYTES = 512;
    private static final int IDLE_SECONDS = 30;
    private static final String IDS = "Client-ID: 3381af92-2b9e-11e3-b191-71861300734c\r\nX-Project-ID: p1\r\n";

    /** Per queue name, the future the GET route answers with; created on first use. */
    private final Map<String, CompletableFuture<ApiResponse>> answers = new HashMap<>();
    private final List<ApiRequest> seen = new ArrayList<>();
    private final List<ByteBuf> sent = new ArrayList<>();
    private EmbeddedSocketChannel channel;

    @BeforeEach
    void buildPipeline() {
        List<Route> routes = List.of(
                new Route("queues.get", GET, "/v2/queues/{queue_name}", request -> {
                    seen.add(request);
                    return answer(request.param("queue_name"));
                }, "Queue metadata could not be retrieved."),
                new Route("messages.post", POST, "/v2/queues/{queue_name}/messages", request -> {
                    seen.add(request);
                    return CompletableFuture.completedFuture(ApiResponse.json(HttpResponseStatus.CREATED, request.body()));
                }, "Messages could not be enqueued."));
        ErrorMapper errors = new ErrorMapper();
        Dispatcher dispatcher = new Dispatcher(Router.versioned().add(routes), new RequestHooks(LimitsConfig.defaults().clientIdPolicy()),
                errors, new RouteMetrics(new MetricRegistry(), routes));
        HttpConfig config = new HttpConfig(MAX_REQUEST_BYTES, MAX_HEADER_BYTES, 256, IDLE_SECONDS, 1, 0);
        channel = new EmbeddedSocketChannel(new PartitionHttpInitializer(config, new RequestHandler(dispatcher, errors),
                errors));
    }

    @AfterEach
    void nothingLeaked() {
        channel.finishAndReleaseAll();
        assertThat(sent).allSatisfy(buf -> assertThat(buf.refCnt()).as("request bytes released").isZero());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderEvenWhenTheFirstCompletesLast() {
        send(get("a", "") + get("b", ""));
        assertThat(seen).extracting(request -> request.param("queue_name")).containsExactly("a");

        answer("b").complete(ApiResponse.ok("{\"q\":\"b\"}".getBytes(UTF_8)));
        assertThat(responses()).isEmpty();
        answer("a").complete(ApiResponse.ok("{\"q\":\"a\"}".getBytes(UTF_8)));

        assertThat(responses()).extracting(Answer::body).containsExactly("{\"q\":\"a\"}", "{\"q\":\"b\"}");
        assertThat(seen).extracting(request -> request.param("queue_name")).containsExactly("a", "b");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void keepAliveResponseHasContentLengthAndTheConnectionStaysOpen() {
        answer("a").complete(ApiResponse.ok("{\"k\":1}".getBytes(UTF_8)));

        send(get("a", ""));

        Answer answer = single(responses());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("Content-Length")).isEqualTo("7");
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(answer.headers().contains("Connection")).isFalse();
        assertThat(channel.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0} with ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.1 | Connection: close",
        "HTTP/1.0 | X-Nothing: 1",
    })
    void requestThatDoesNotKeepAliveClosesTheChannelAfterItsResponse(String version, String header) {
        answer("a").complete(ApiResponse.ok("{}".getBytes(UTF_8)));

        send("GET /v2/queues/a " + version + "\r\nHost: x\r\n" + IDS + header + "\r\n\r\n");

        Answer answer = single(responses());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("Connection")).isEqualToIgnoringCase("close");
        assertThat(channel.isOpen()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Content-Length | Content-Length: 65\\r\\n\\r\\n" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "chunked        | Transfer-Encoding: chunked\\r\\n\\r\\n28\\r\\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\r\\n"
                + "28\\r\\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\r\\n0\\r\\n\\r\\n",
    })
    void bodyOverMaxRequestBytesGetsAZaqarShaped413AndTheConnectionIsClosed(String framing, String rest) {
        send("POST /v2/queues/a/messages HTTP/1.1\r\nHost: x\r\n" + IDS + unescape(rest));

        Answer answer = single(responses());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(answer.body()).isEqualTo("{\"title\":\"Request body too large\","
                + "\"description\":\"The request body exceeds the maximum of 64 bytes.\"}");
        assertThat(seen).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void chunkedBodyIsAggregatedAndSeenWithItsSizeAsContentLength() {
        send("POST /v2/queues/a/messages HTTP/1.1\r\nHost: x\r\n" + IDS + "Transfer-Encoding: chunked\r\n\r\n"
                + "4\r\n{\"a\"\r\n" + "3\r\n:1}\r\n" + "0\r\n\r\n");

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(new String(request.body(), UTF_8)).isEqualTo("{\"a\":1}");
            assertThat(request.contentLength()).isEqualTo(7);
        });
        assertThat(single(responses()).status()).isEqualTo(201);
    }

    @Test
    void bodyWithContentLengthIsSeenWithThatLength() {
        send("POST /v2/queues/a/messages HTTP/1.1\r\nHost: x\r\n" + IDS + "Content-Length: 2\r\n\r\n[]");

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(new String(request.body(), UTF_8)).isEqualTo("[]");
            assertThat(request.contentLength()).isEqualTo(2);
        });
    }

    @Test
    void requestWithoutAnyBodyIsSeenWithoutContentLength() {
        send("POST /v2/queues/a/messages HTTP/1.1\r\nHost: x\r\n" + IDS + "\r\n");

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.body()).isEmpty();
            assertThat(request.contentLength()).isNull();
        });
    }

    @Test
    void headerBlockOverMaxHeaderBytesGetsAZaqarShaped431AndTheConnectionIsClosed() {
        send(get("a", "X-Big: " + "y".repeat(MAX_HEADER_BYTES) + "\r\n"));

        Answer answer = single(responses());
        assertThat(answer.status()).isEqualTo(431);
        assertThat(answer.body()).isEqualTo("{\"title\":\"Request header too large\","
                + "\"description\":\"The request line or headers exceed the configured limit.\"}");
        assertThat(seen).isEmpty();
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void failedRouteFutureIsMappedToAZaqarError() {
        answer("a").completeExceptionally(new StorageUnavailableException("down", null));

        send(get("a", ""));

        Answer answer = single(responses());
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().get("Retry-After")).isEqualTo(ErrorMapper.RETRY_AFTER_SECONDS);
        assertThat(answer.body()).isEqualTo("{\"title\":\"Service temporarily unavailable\",\"description\":"
                + "\"Queue metadata could not be retrieved. Please try again in a few seconds.\"}");
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void notAcceptableIsSentWithAnEmptyBody() {
        send(get("a", "Accept: text/html\r\n"));

        Answer answer = single(responses());
        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers().get("Content-Length")).isEqualTo("0");
        assertThat(answer.headers().contains("Content-Type")).isFalse();
        assertThat(seen).isEmpty();
    }

    @Test
    void idleEventClosesTheChannel() {
        IdleStateHandler idle = channel.pipeline().get(IdleStateHandler.class);
        assertThat(idle.getAllIdleTimeInMillis()).isEqualTo(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }

    private CompletableFuture<ApiResponse> answer(String queue) {
        return answers.computeIfAbsent(queue, name -> new CompletableFuture<>());
    }

    private static String get(String queue, String extraHeaders) {
        return "GET /v2/queues/" + queue + " HTTP/1.1\r\nHost: x\r\n" + IDS + extraHeaders + "\r\n";
    }

    private static String unescape(String csv) {
        return csv.replace("\\r\\n", "\r\n");
    }

    private void send(String raw) {
        ByteBuf bytes = Unpooled.copiedBuffer(raw, US_ASCII);
        sent.add(bytes);
        channel.writeInbound(bytes);
        channel.runPendingTasks();
    }

    /** Every complete response written so far, decoded, in order. */
    private List<Answer> responses() {
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 16));
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            decoder.writeInbound(out);
        }
        List<Answer> answers = new ArrayList<>();
        for (FullHttpResponse response = decoder.readInbound(); response != null; response = decoder.readInbound()) {
            answers.add(new Answer(response.status().code(), response.headers().copy(),
                    response.content().toString(UTF_8)));
            response.release();
        }
        decoder.finishAndReleaseAll();
        return answers;
    }

    private static Answer single(List<Answer> answers) {
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private record Answer(int status, HttpHeaders headers, String body) {
    }
}
