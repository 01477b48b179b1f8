package io.shardq.proxy.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.CatalogueException;
import io.shardq.catalogue.CatalogueUnavailableException;
import io.shardq.catalogue.NoEligiblePartitionException;
import io.shardq.common.concurrent.Failures;
import io.shardq.common.http.ErrorBody;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.routing.ParkingLot;
import io.shardq.proxy.upstream.UpstreamException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's one place where failures become responses, in Zaqar's {@code {"title","description"}}
 * shape: unreachable partitions and catalogues and parked writes that waited too long are 503s with
 * {@code Retry-After}; anything unexpected is a 500 with an id that is also logged.
 */
public final class ProxyErrorMapper {

    private static final Logger logger = LoggerFactory.getLogger(ProxyErrorMapper.class);
    private static final String UNAVAILABLE = "Service temporarily unavailable";
    public static final String RETRY_AFTER_SECONDS = "1";

    public FullHttpResponse map(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof HttpError error) {
            return render(error);
        }
        if (cause instanceof UpstreamException upstream) {
            logger.warn("partition node failed: {}", upstream.getMessage());
            return unavailable("The partition holding this queue could not be reached.");
        }
        if (cause instanceof CatalogueUnavailableException) {
            logger.warn("catalogue unavailable: {}", cause.getMessage());
            return unavailable("The queue catalogue is unavailable, so new queues cannot be placed right now; "
                    + "existing queues keep working.");
        }
        if (cause instanceof NoEligiblePartitionException) {
            return unavailable("No partition can take new queues (none is active with a weight above 0).");
        }
        if (cause instanceof ParkingLot.ParkedTooLongException parked) {
            return unavailable(parked.getMessage());
        }
        if (cause instanceof CatalogueException) {
            return render(HttpError.of(HttpResponseStatus.BAD_REQUEST, "Invalid request", cause.getMessage()));
        }
        String id = UUID.randomUUID().toString();
        logger.error("internal error {}", id, cause);
        return render(HttpError.of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal server error",
                "An unexpected error occurred; quote this id to the operator: " + id));
    }

    private FullHttpResponse unavailable(String description) {
        return render(HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE, UNAVAILABLE,
                description + " Please try again in a few seconds.").withHeader("Retry-After", RETRY_AFTER_SECONDS));
    }

    public FullHttpResponse render(HttpError error) {
        FullHttpResponse response = error.emptyBody() ? Responses.empty(error.status())
                : Responses.json(error.status(), new ErrorBody(error.title(), error.description()));
        if (!error.emptyBody()) {
            response.headers().set("Vary", "Accept");
        }
        error.headers().forEach((name, value) -> response.headers().set(name, value));
        return response;
    }
}
