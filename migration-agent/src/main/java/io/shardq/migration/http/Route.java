package io.shardq.migration.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * One route: method and path; a path ending in {@code /{id}} matches any one further segment, handed to
 * the handler as {@link AgentRequest#pathId()}.
 */
public record Route(String name, HttpMethod method, String path, Handler handler) {

    private static final String ID = "/{id}";

    public Route {
        requireNonNull(name, "name");
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(handler, "handler");
    }

    /** Handles a request; feature code throws or fails the stage, the {@link ErrorMapper} renders. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<AgentResponse> handle(AgentRequest request);
    }

    /** The id segment when {@code requestPath} matches, {@code ""} for an exact path, else {@code null}. */
    String match(String requestPath) {
        if (!path.endsWith(ID)) {
            return path.equals(requestPath) ? "" : null;
        }
        String prefix = path.substring(0, path.length() - ID.length() + 1);
        if (!requestPath.startsWith(prefix)) {
            return null;
        }
        String id = requestPath.substring(prefix.length());
        return id.isEmpty() || id.contains("/") ? null : id;
    }
}
