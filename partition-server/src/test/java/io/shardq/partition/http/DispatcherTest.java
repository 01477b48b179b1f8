package io.shardq.partition.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.partition.config.LimitsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Order of routing (404), hooks, method check (405) and the action; path parameters decoded. */
class DispatcherTest {

    private final List<ApiRequest> seen = new ArrayList<>();
    private final MetricRegistry registry = new MetricRegistry();
    private final Dispatcher dispatcher;

    DispatcherTest() {
        List<Route> routes = List.of(route(GET), route(PUT), new Route("messages.get", GET,
                "/v2/queues/{queue_name}/messages/{message_id}", request -> {
                    seen.add(request);
                    return CompletableFuture.completedFuture(ApiResponse.noContent());
                }, null));
        dispatcher = new Dispatcher(Router.versioned().add(routes), new RequestHooks(LimitsConfig.defaults().clientIdPolicy()),
                new ErrorMapper(), new RouteMetrics(registry, routes));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = '|', value = {
        "GET    | /v2/nowhere  | false | 404 | {\"title\":\"404 Not Found\"}",
        "GET    | /v2/nowhere  | true  | 404 | {\"title\":\"404 Not Found\"}",
        "DELETE | /v2/queues/q | false | 400 | {\"title\":\"Missing header value\",\"description\":\"The \\\"Client-ID\\\" header is required.\"}",
        "DELETE | /v2/queues/q | true  | 405 | {\"title\":\"405 Method Not Allowed\"}",
        "GET    | /v2/queues/q | true  | 204 | ''",
    })
    void routingThenHooksThenMethod(String method, String path, boolean withIds, int status, String body) {
        ApiResponse response = dispatch(HttpMethod.valueOf(method), path, withIds);

        assertThat(response.status().code()).isEqualTo(status);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(body);
        assertThat(seen).hasSize(status == 204 ? 1 : 0);
    }

    @Test
    void methodNotAllowedCarriesAllow() {
        assertThat(dispatch(DELETE, "/v2/queues/q", true).headers()).containsEntry("Allow", "GET, PUT");
    }

    @Test
    void pathParametersArePercentDecodedKeepingPlusAndQueryIsParsed() {
        dispatch(GET, "/v2/queues/q/messages/m%2F1+2?limit=5&detailed=true", true);

        assertThat(seen).singleElement().satisfies(request -> {
            assertThat(request.param("message_id")).isEqualTo("m/1+2");
            assertThat(request.path()).isEqualTo("/v2/queues/q/messages/m%2F1+2");
            assertThat(request.query().integer("limit")).isEqualTo(5);
            assertThat(request.version()).isEqualTo(ApiVersion.V2);
        });
    }

    @Test
    void actionThatThrowsIsMappedLikeAFailedFuture() {
        Route throwing = new Route("boom", GET, "/v2/queues/{queue_name}", request -> {
            throw HttpError.invalidApiRequest("nope");
        }, null);
        Dispatcher throwingDispatcher = new Dispatcher(Router.versioned().add(List.of(throwing)),
                new RequestHooks(LimitsConfig.defaults().clientIdPolicy()), new ErrorMapper(), new RouteMetrics(registry, List.of(throwing)));

        ApiResponse response = throwingDispatcher.dispatch(GET, "/v2/queues/q", ids(), new byte[0], null)
                .toCompletableFuture().join();

        assertThat(new String(response.body(), UTF_8))
                .isEqualTo("{\"title\":\"Invalid API request\",\"description\":\"nope\"}");
    }

    @Test
    void errorsAreCountedPerRouteAndUnmatched() {
        dispatch(GET, "/v2/nowhere", true);
        dispatch(PUT, "/v2/queues/q", false);
        dispatch(GET, "/v2/queues/q", true);

        assertThat(registry.meter(MetricRegistry.name(RequestHandler.class, "unmatched", "errors")).getCount())
                .isEqualTo(2);
        assertThat(registry.timer(MetricRegistry.name(RequestHandler.class, "queues.get", "requests")).getCount())
                .isEqualTo(1);
        assertThat(registry.meter(MetricRegistry.name(RequestHandler.class, "queues.get", "errors")).getCount())
                .isZero();
    }

    private ApiResponse dispatch(HttpMethod method, String uri, boolean withIds) {
        HttpHeaders headers = withIds ? ids() : new DefaultHttpHeaders();
        return dispatcher.dispatch(method, uri, headers, new byte[0], null).toCompletableFuture().join();
    }

    private static HttpHeaders ids() {
        return new DefaultHttpHeaders().set("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .set("X-Project-ID", "p1");
    }

    private Route route(HttpMethod method) {
        return new Route("queues." + method.name().toLowerCase(java.util.Locale.ROOT), method, "/v2/queues/{queue_name}",
                request -> {
                    seen.add(request);
                    return CompletableFuture.completedFuture(ApiResponse.noContent());
                }, "Queue could not be read.");
    }
}
