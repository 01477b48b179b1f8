package io.shardq.partition.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.concurrent.Failures;
import io.shardq.common.http.ErrorBody;
import io.shardq.common.json.Json;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.InvalidClaimException;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.MessageNotClaimedException;
import io.shardq.partition.storage.MessageNotFoundException;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP responses: a flat chain from exception type to status, and
 * one method that renders Zaqar's {@code {"title","description"}} body. Unexpected exceptions become a
 * 500 whose description carries a random id, logged once with the stack trace under the same id.
 */
public final class ErrorMapper {

    private static final Logger logger = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String UNABLE_TO_DELETE = "Unable to delete";
    /** The header of the fence answer: {@code frozen} or {@code moved; to=<partition>} (DESIGN.md). */
    public static final String FENCE_HEADER = "X-Queue-Fence";
    /** Seconds a client should wait before retrying after a 503. */
    public static final String RETRY_AFTER_SECONDS = "1";

    /** Maps {@code failure} of {@code route} (may be null when no route matched) to a response. */
    public ApiResponse map(Throwable failure, Route route) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof HttpError error) {
            logger.debug("{} {}", error.status().code(), error.getMessage());
            return render(error);
        }
        return render(toHttpError(cause, route));
    }

    private static HttpError toHttpError(Throwable cause, Route route) {
        if (cause instanceof QueueNotFoundException || cause instanceof MessageNotFoundException
                || cause instanceof ClaimNotFoundException) {
            return HttpError.notFound(cause.getMessage());
        }
        if (cause instanceof QueueFencedException fenced) {
            return HttpError.of(HttpResponseStatus.CONFLICT, "Queue fenced", fenced.getMessage())
                    .withHeader(FENCE_HEADER, fenced.fence().headerValue());
        }
        if (cause instanceof MessageClaimedException) {
            return HttpError.of(HttpResponseStatus.FORBIDDEN, UNABLE_TO_DELETE,
                    "This message is claimed; it cannot be deleted without a valid claim ID.");
        }
        if (cause instanceof MessageNotClaimedException) {
            return HttpError.of(HttpResponseStatus.BAD_REQUEST, UNABLE_TO_DELETE,
                    "A claim was specified, but the message is not currently claimed.");
        }
        if (cause instanceof InvalidClaimException) {
            return HttpError.of(HttpResponseStatus.BAD_REQUEST, UNABLE_TO_DELETE,
                    "The specified claim does not exist or has expired.");
        }
        if (cause instanceof StorageUnavailableException) {
            logger.warn("storage unavailable on {}: {}", route == null ? "-" : route.name(), cause.toString());
            return unavailable(route);
        }
        String id = UUID.randomUUID().toString();
        logger.error("internal error {} on {}", id, route == null ? "-" : route.name(), cause);
        return HttpError.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error",
                "An unexpected error occurred; quote this id to the operator: " + id);
    }

    private static HttpError unavailable(Route route) {
        String what = route == null || route.unavailable() == null ? "The request could not be served."
                : route.unavailable();
        return HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable",
                what + " Please try again in a few seconds.").withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    /** Renders an {@link HttpError} as the Zaqar body, with its extra headers. */
    public ApiResponse render(HttpError error) {
        if (error.emptyBody()) {
            return withHeaders(ApiResponse.status(error.status()).withContentType(null), error);
        }
        try {
            byte[] body = Json.mapper().writeValueAsBytes(new ErrorBody(error.title(), error.description()));
            return withHeaders(ApiResponse.json(error.status(), body).withHeader("Vary", "Accept"), error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiResponse withHeaders(ApiResponse response, HttpError error) {
        ApiResponse result = response;
        for (var header : error.headers().entrySet()) {
            result = result.withHeader(header.getKey(), header.getValue());
        }
        return result;
    }
}
