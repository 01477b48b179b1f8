package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * One method on one path template, e.g. {@code POST /v2/queues/{queue_name}/messages}.
 *
 * @param name        metrics name, e.g. {@code messages.post}
 * @param unavailable what to tell the client when storage fails, e.g. {@code Messages could not be enqueued.}
 */
public record Route(String name, HttpMethod method, String template, Action action, String unavailable) {

    public Route {
        requireNonNull(name, "name");
        requireNonNull(method, "method");
        requireNonNull(template, "template");
        requireNonNull(action, "action");
    }

    /** The feature code behind a route. */
    @FunctionalInterface
    public interface Action {
        CompletionStage<ApiResponse> handle(ApiRequest request);
    }
}
