package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.common.zaqar.RequestHooks;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * From a decoded request to a response: route match (404), Zaqar's before-hooks, method check (405),
 * the route's action, and error mapping. The returned stage never fails. Knows nothing of channels.
 */
public final class Dispatcher {

    private final Router router;
    private final RequestHooks hooks;
    private final ErrorMapper errors;
    private final RouteMetrics metrics;

    public Dispatcher(Router router, RequestHooks hooks, ErrorMapper errors, RouteMetrics metrics) {
        this.router = requireNonNull(router, "router");
        this.hooks = requireNonNull(hooks, "hooks");
        this.errors = requireNonNull(errors, "errors");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    public CompletionStage<ApiResponse> dispatch(HttpMethod method, String uri, HttpHeaders headers, byte[] body,
                                                 Integer contentLength) {
        long start = System.nanoTime();
        int queryAt = uri.indexOf('?');
        String path = queryAt < 0 ? uri : uri.substring(0, queryAt);
        Route[] matched = new Route[1];
        CompletionStage<ApiResponse> result;
        try {
            Router.Match match = router.match(path).orElseThrow(HttpError::routeNotFound);
            hooks.check(path, headers, contentLength, match.version(), match.params());
            Route route = match.route(method).orElseThrow(() -> HttpError.methodNotAllowed(match.allow()));
            matched[0] = route;
            QueryParams query = QueryParams.parse(queryAt < 0 ? null : uri.substring(queryAt + 1));
            ApiRequest request = new ApiRequest(method, path, match.version(), decoded(match.params()), query,
                    headers, body, contentLength);
            result = route.action().handle(request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((response, failure) -> {
            ApiResponse answer = failure == null ? response : errors.map(failure, matched[0]);
            metrics.record(matched[0], start, answer.status().code());
            return answer;
        });
    }

    private static Map<String, String> decoded(Map<String, String> params) {
        if (params.isEmpty()) {
            return params;
        }
        Map<String, String> decoded = new HashMap<>(params.size() * 2);
        params.forEach((name, value) -> decoded.put(name, value.indexOf('%') < 0 ? value
                : QueryStringDecoder.decodeComponent(QueryParams.escapeStrayPercents(value).replace("+", "%2B"))));
        return decoded;
    }
}
