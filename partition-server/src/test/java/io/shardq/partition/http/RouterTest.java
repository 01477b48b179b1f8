package io.shardq.partition.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.ApiVersion;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

    private final Router router = Router.versioned().add(List.of(
            route(GET, "/"),
            route(GET, "/v2/"),
            route(GET, "/v2/queues"),
            route(GET, "/v2/queues/{queue_name}"),
            route(PUT, "/v2/queues/{queue_name}"),
            route(DELETE, "/v2/queues/{queue_name}"),
            route(PATCH, "/v2/queues/{queue_name}"),
            route(GET, "/v2/queues/{queue_name}/messages/{message_id}"),
            route(POST, "/v1.1/queues/{queue_name}/claims")));

    @Test
    void templateSegmentsAreCapturedRaw() {
        Router.Match match = router.match("/v2/queues/q%201/messages/m1").orElseThrow();

        assertThat(match.params()).isEqualTo(Map.of("queue_name", "q%201", "message_id", "m1"));
        assertThat(match.version()).isEqualTo(ApiVersion.V2);
        assertThat(match.route(GET)).map(Route::template).contains("/v2/queues/{queue_name}/messages/{message_id}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {"/, none", "/v2/, V2", "/v2/queues, V2", "/v1.1/queues/q/claims, V1_1"})
    void versionComesFromTheTemplatePrefix(String path, ApiVersion version) {
        assertThat(router.match(path).orElseThrow().version()).isEqualTo(version);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"/v2", "/v2/queues/", "/v2/queues//messages/m1", "/v2/queues/q/messages/", "/v3/",
        "/v2/queues/q/extra", "", "/v1.1/queues/q/claims/"})
    void pathWithoutAMatchingTemplateIsNotFound(String path) {
        assertThat(router.match(path)).isEmpty();
    }

    @Test
    void allowListsEveryMethodOfTheResourceSorted() {
        Router.Match match = router.match("/v2/queues/q").orElseThrow();

        assertThat(match.allow()).isEqualTo("DELETE, GET, PATCH, PUT");
        assertThat(match.route(POST)).isEmpty();
        assertThat(match.route(HttpMethod.HEAD)).isEmpty();
    }

    @Test
    void staticTemplateHasNoParams() {
        assertThat(router.match("/v2/queues").orElseThrow().params()).isEmpty();
    }

    private static Route route(HttpMethod method, String template) {
        return new Route(method.name() + " " + template, method, template,
                request -> CompletableFuture.completedFuture(ApiResponse.noContent()), null);
    }
}
