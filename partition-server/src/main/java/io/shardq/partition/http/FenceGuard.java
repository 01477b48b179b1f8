package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.Touched;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Puts every queue-scoped route behind its queue's fence (DESIGN.md, "Routing and caches"): the action runs
 * only once {@link FenceStore#enter} admits the request, and a write holds its lease until the action's
 * stage completes, successfully or not, so a freeze waits for it. A refused request fails with the
 * storage's {@code QueueFencedException} before anything is read or written; the {@link ErrorMapper} turns
 * it into the fence answer. A decorator: routes go in, guarded routes come out.
 *
 * <p>While a migration journals the queue's changes, a write records what it changed before its lease
 * closes, so the migration's frozen pass finds every change in the journal: the ids its handler named on the
 * response ({@link ApiResponse#touched()}); nothing for an answer the error mapper calls a client error (the
 * handlers check before they write); anything ({@link Touched#UNKNOWN}) otherwise
 * ({@link FenceStore.Lease#recordAndClose}).
 */
public final class FenceGuard {

    private static final String QUEUE_PARAM = "{queue_name}";

    private final FenceStore fences;
    private final ErrorMapper errors;

    public FenceGuard(FenceStore fences, ErrorMapper errors) {
        this.fences = requireNonNull(fences, "fences");
        this.errors = requireNonNull(errors, "errors");
    }

    /** Guards each route that reads or writes a queue; a queue route marked {@link Route.Access#NONE} is a bug. */
    public List<Route> guard(List<Route> routes) {
        return routes.stream().map(this::guard).toList();
    }

    public Route guard(Route route) {
        if (route.access() == Route.Access.NONE) {
            if (route.template().contains(QUEUE_PARAM)) {
                throw new IllegalArgumentException("route " + route.name() + " names a queue but has no access mode");
            }
            return route;
        }
        boolean write = route.access() == Route.Access.WRITE;
        return new Route(route.name(), route.method(), route.template(),
                request -> fences.enter(request.queue(), write).thenCompose(lease -> run(route, request, lease)),
                route.unavailable(), route.access());
    }

    private CompletionStage<ApiResponse> run(Route route, ApiRequest request, FenceStore.Lease lease) {
        boolean journaling = lease.journaling();
        CompletionStage<ApiResponse> result;
        try {
            result = route.action().handle(journaling ? request.journaled() : request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        if (!journaling) {
            return result.whenComplete((response, failure) -> lease.close());
        }
        return result.handle((response, failure) -> lease.recordAndClose(touched(route, response, failure))
                        .thenCompose(closed -> failure == null ? CompletableFuture.completedFuture(response)
                                : CompletableFuture.<ApiResponse>failedFuture(failure)))
                .thenCompose(answer -> answer);
    }

    private Touched touched(Route route, ApiResponse response, Throwable failure) {
        int status = failure != null ? errors.map(failure, route).status().code() : response.status().code();
        if (status >= 400) {
            return status < 500 ? Touched.NONE : Touched.UNKNOWN;
        }
        return response.touched() == null ? Touched.UNKNOWN : response.touched();
    }
}
