package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * One method on one path template, e.g. {@code POST /v2/queues/{queue_name}/messages}.
 *
 * @param name        metrics name, e.g. {@code messages.post}
 * @param unavailable what to tell the client when storage fails, e.g. {@code Messages could not be enqueued.}
 * @param access      what the route does to its queue, which decides what the queue's fence lets through
 */
public record Route(String name, HttpMethod method, String template, Action action, String unavailable,
                    Access access) {

    public Route {
        requireNonNull(name, "name");
        requireNonNull(method, "method");
        requireNonNull(template, "template");
        requireNonNull(action, "action");
        requireNonNull(access, "access");
    }

    /** A route that addresses no queue ({@link Access#NONE}). */
    public Route(String name, HttpMethod method, String template, Action action, String unavailable) {
        this(name, method, template, action, unavailable, Access.NONE);
    }

    /** The feature code behind a route. */
    @FunctionalInterface
    public interface Action {
        CompletionStage<ApiResponse> handle(ApiRequest request);
    }

    /** How a route uses the queue named in its path: the queue's fence admits reads unless moved, writes only when active. */
    public enum Access {
        /** Addresses no single queue (home, health, queue listing): not fenced. */
        NONE,
        /** Reads the queue. */
        READ,
        /** Changes the queue, its messages or its claims. */
        WRITE
    }
}
