package io.shardq.migration.http;

import io.shardq.common.zaqar.HttpError;
import java.util.List;
import java.util.StringJoiner;

/** Finds the route of a request: 404 when no path matches, 405 (with {@code Allow}) for another method. */
public final class Router {

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The route and its request (with the path id filled in). */
    public Matched route(AgentRequest request) {
        StringJoiner allowed = new StringJoiner(", ");
        for (Route route : routes) {
            String id = route.match(request.path());
            if (id == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Matched(route, request.withPathId(id.isEmpty() ? null : id));
            }
            allowed.add(route.method().name());
        }
        throw allowed.length() == 0 ? HttpError.routeNotFound() : HttpError.methodNotAllowed(allowed.toString());
    }

    /** A route with the request it matched. */
    public record Matched(Route route, AgentRequest request) {
    }
}
