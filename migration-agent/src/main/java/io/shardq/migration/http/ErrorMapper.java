package io.shardq.migration.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.concurrent.Failures;
import io.shardq.common.http.ErrorBody;
import io.shardq.common.json.Json;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the agent's failures become responses: exception type to status, rendered as Zaqar's
 * {@code {"title","description"}}. An unexpected failure is a 500 carrying an id that is logged with the
 * stack trace.
 */
public final class ErrorMapper {

    private static final Logger logger = LoggerFactory.getLogger(ErrorMapper.class);
    /** The fence header, as partition nodes send it (DESIGN.md). */
    public static final String FENCE_HEADER = "X-Queue-Fence";

    public AgentResponse map(Throwable failure, String routeName) {
        Throwable cause = Failures.cause(failure);
        HttpError error = toHttpError(cause, routeName);
        if (error.status().code() < 500) {
            logger.debug("{} on {}: {}", error.status().code(), routeName, error.getMessage());
        }
        return render(error);
    }

    private static HttpError toHttpError(Throwable cause, String routeName) {
        if (cause instanceof HttpError error) {
            return error;
        }
        if (cause instanceof QueueNotFoundException) {
            return HttpError.notFound(cause.getMessage());
        }
        if (cause instanceof QueueFencedException fenced) {
            return HttpError.of(HttpResponseStatus.CONFLICT, "Queue fenced", fenced.getMessage())
                    .withHeader(FENCE_HEADER, fenced.fence().headerValue());
        }
        if (cause instanceof IllegalArgumentException) {
            return HttpError.invalidBody(cause.getMessage());
        }
        if (cause instanceof StorageUnavailableException) {
            logger.warn("storage unavailable on {}: {}", routeName, cause.toString());
            return HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable",
                    "The partition's storage did not answer. Please try again in a few seconds.")
                    .withHeader("Retry-After", "1");
        }
        String id = UUID.randomUUID().toString();
        logger.error("internal error {} on {}", id, routeName, cause);
        return HttpError.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error",
                "An unexpected error occurred; quote this id to the operator: " + id);
    }

    public AgentResponse render(HttpError error) {
        try {
            String body = Json.mapper().writeValueAsString(ErrorBody.of(error.title(), error.description()));
            return new AgentResponse(error.status(), body, error.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
