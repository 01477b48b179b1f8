package io.shardq.partition.http;

import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.ApiVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Matches a path against route templates ({@code {name}} segments capture one path segment) and
 * returns the routes registered for it, keyed by method. Knows nothing of Netty pipelines.
 */
public final class Router {

    private final List<Resource> resources = new ArrayList<>();
    private final boolean versioned;

    private Router(boolean versioned) {
        this.versioned = versioned;
    }

    /** A router whose {@code /v2/…} and {@code /v1.1/…} templates carry their API version (public API hooks apply). */
    public static Router versioned() {
        return new Router(true);
    }

    /** A router for the admin listener: no API version, so the public Client-ID and project hooks do not apply. */
    public static Router unversioned() {
        return new Router(false);
    }

    /** Adds routes; routes with the same template form one resource. */
    public Router add(List<Route> routes) {
        for (Route route : routes) {
            resourceFor(route.template()).routes.put(route.method(), route);
        }
        return this;
    }

    public Optional<Match> match(String path) {
        String[] segments = path.split("/", -1);
        for (Resource resource : resources) {
            Map<String, String> params = resource.match(segments);
            if (params != null) {
                return Optional.of(new Match(resource.version, params, resource.routes));
            }
        }
        return Optional.empty();
    }

    private Resource resourceFor(String template) {
        for (Resource resource : resources) {
            if (resource.template.equals(template)) {
                return resource;
            }
        }
        Resource resource = new Resource(template, versioned);
        resources.add(resource);
        return resource;
    }

    /** The resource found for a path: its API version (null for {@code /}), path parameters and routes. */
    public record Match(ApiVersion version, Map<String, String> params, Map<HttpMethod, Route> routes) {

        public Optional<Route> route(HttpMethod method) {
            return Optional.ofNullable(routes.get(method));
        }

        public String allow() {
            return routes.keySet().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        }
    }

    private static final class Resource {
        private final String template;
        private final String[] segments;
        private final ApiVersion version;
        private final Map<HttpMethod, Route> routes = new LinkedHashMap<>();

        Resource(String template, boolean versioned) {
            this.template = template;
            this.segments = template.split("/", -1);
            this.version = versioned ? versionOf(template) : null;
        }

        private static ApiVersion versionOf(String template) {
            for (ApiVersion version : ApiVersion.values()) {
                if (template.startsWith(version.prefix() + "/")) {
                    return version;
                }
            }
            return null;
        }

        Map<String, String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            Map<String, String> params = null;
            for (int i = 0; i < segments.length; i++) {
                String segment = segments[i];
                if (segment.startsWith("{") && segment.endsWith("}")) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new HashMap<>(4);
                    }
                    params.put(segment.substring(1, segment.length() - 1), path[i]);
                } else if (!segment.equals(path[i])) {
                    return null;
                }
            }
            return params == null ? Map.of() : params;
        }
    }
}
