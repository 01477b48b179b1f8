package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.FenceStore;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Puts every queue-scoped route behind its queue's fence (DESIGN.md, "Routing and caches"): the action runs
 * only once {@link FenceStore#enter} admits the request, and a write holds its lease until the action's
 * stage completes, successfully or not, so a freeze waits for it. A refused request fails with the
 * storage's {@code QueueFencedException} before anything is read or written; the {@link ErrorMapper} turns
 * it into the fence answer. A decorator: routes go in, guarded routes come out.
 */
public final class FenceGuard {

    private static final String QUEUE_PARAM = "{queue_name}";

    private final FenceStore fences;

    public FenceGuard(FenceStore fences) {
        this.fences = requireNonNull(fences, "fences");
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
        Route.Action action = route.action();
        return new Route(route.name(), route.method(), route.template(),
                request -> fences.enter(request.queue(), write).thenCompose(lease -> run(action, request, lease)),
                route.unavailable(), route.access());
    }

    private static CompletionStage<ApiResponse> run(Route.Action action, ApiRequest request, FenceStore.Lease lease) {
        CompletionStage<ApiResponse> result;
        try {
            result = action.handle(request);
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        return result.whenComplete((response, failure) -> lease.close());
    }
}
