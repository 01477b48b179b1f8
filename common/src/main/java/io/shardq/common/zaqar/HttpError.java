package io.shardq.common.zaqar;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A request that fails with a Zaqar-shaped error: status, title and optional description. Feature code
 * throws it through the static factories named after Zaqar's error classes; the {@link ErrorMapper}
 * renders it.
 */
public final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final String title;
    private final String description;
    private final transient Map<String, String> headers;
    private final boolean emptyBody;

    private HttpError(HttpResponseStatus status, String title, String description, Map<String, String> headers,
                      boolean emptyBody) {
        super(title + (description == null ? "" : ": " + description), null, false, false);
        this.status = status;
        this.title = title;
        this.description = description;
        this.headers = Map.copyOf(headers);
        this.emptyBody = emptyBody;
    }

    public static HttpError of(HttpResponseStatus status, String title, String description) {
        return new HttpError(status, title, description, Map.of(), false);
    }

    /** 400 "Invalid API request": a limit or validation rule (Zaqar's {@code ValidationFailed}). */
    public static HttpError invalidApiRequest(String description) {
        return of(HttpResponseStatus.BAD_REQUEST, "Invalid API request", description);
    }

    /** 400 "Invalid request body": the body is missing, malformed or of the wrong shape. */
    public static HttpError invalidBody(String description) {
        return of(HttpResponseStatus.BAD_REQUEST, "Invalid request body", description);
    }

    /** 400 "Invalid parameter": a query parameter of the wrong type. */
    public static HttpError invalidParameter(String description) {
        return of(HttpResponseStatus.BAD_REQUEST, "Invalid parameter", description);
    }

    public static HttpError notFound(String description) {
        return of(HttpResponseStatus.NOT_FOUND, "Not found", description);
    }

    public static HttpError conflict(String description) {
        return of(HttpResponseStatus.CONFLICT, "Resource conflict", description);
    }

    /** Routing failure: no resource at this path. */
    public static HttpError routeNotFound() {
        return of(HttpResponseStatus.NOT_FOUND, "404 Not Found", null);
    }

    public static HttpError methodNotAllowed(String allow) {
        return new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 Method Not Allowed", null,
                Map.of("Allow", allow), false);
    }

    /** 406 with an empty body, as Zaqar sends it to clients that do not accept JSON. */
    public static HttpError notAcceptable() {
        return new HttpError(HttpResponseStatus.NOT_ACCEPTABLE, "Not Acceptable", null, Map.of(), true);
    }

    public HttpError withHeader(String name, String value) {
        java.util.HashMap<String, String> merged = new java.util.HashMap<>(headers);
        merged.put(name, value);
        return new HttpError(status, title, description, merged, emptyBody);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public boolean emptyBody() {
        return emptyBody;
    }
}
