package io.shardq.common.zaqar;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * Zaqar's before-hooks, in its order (SPEC §1.2): urlencoded bodies, Accept, Client-ID, X-Project-ID,
 * then queue identification. They run once a resource matched the path, before the method is checked.
 */
public final class RequestHooks {

    public static final int QUEUE_NAME_MAX = 64;
    public static final int PROJECT_ID_MAX = 256;

    private final ClientIdPolicy limits;

    public RequestHooks(ClientIdPolicy limits) {
        this.limits = requireNonNull(limits, "limits");
    }

    /**
     * Zaqar's {@code client_id_uuid_safe}: {@code strict} requires a UUID; otherwise the length must be
     * within {@code [minLength, maxLength]}.
     */
    public record ClientIdPolicy(boolean strictClientId, int minLengthClientId, int maxLengthClientId) {

        public static final ClientIdPolicy STRICT = new ClientIdPolicy(true, 10, 36);
    }

    /** Throws the {@link HttpError} of the first hook that fails. */
    public void check(String path, HttpHeaders headers, Integer contentLength, ApiVersion version,
                      Map<String, String> params) {
        checkContentType(headers, contentLength);
        checkAccept(headers);
        if (version == null) {
            return;
        }
        checkClientId(headers.get("Client-ID"));
        checkProject(headers);
        String queue = params.get("queue_name");
        if (queue != null) {
            checkQueueIdentification(queue, headers.get("X-Project-ID"));
        }
    }

    private static void checkContentType(HttpHeaders headers, Integer contentLength) {
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (contentLength != null && type != null && type.trim().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Invalid Content-Type",
                    "Endpoint does not accept `application/x-www-form-urlencoded` content; currently supported "
                            + "media type is `application/json`; specify proper client-side media type with the "
                            + "\"Content-Type\" header.");
        }
    }

    private static void checkAccept(HttpHeaders headers) {
        String accept = headers.get(HttpHeaderNames.ACCEPT);
        if (accept != null && !AcceptHeader.allowsJson(accept)) {
            throw HttpError.notAcceptable();
        }
    }

    private void checkClientId(String clientId) {
        if (clientId == null) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Missing header value",
                    "The \"Client-ID\" header is required.");
        }
        if (limits.strictClientId()) {
            if (ClientIds.canonical(clientId) == null) {
                throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Wrong UUID value", "Malformed hexadecimal UUID.");
            }
        } else if (clientId.length() < limits.minLengthClientId() || clientId.length() > limits.maxLengthClientId()) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Length of client id must be at least "
                    + limits.minLengthClientId() + " and no greater than " + limits.maxLengthClientId() + ".", null);
        }
    }

    private static void checkProject(HttpHeaders headers) {
        String project = headers.get("X-Project-ID");
        if (project == null) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Project-Id Missing",
                    "The header X-PROJECT-ID was missing");
        }
        if (project.isEmpty()) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Empty project header not allowed",
                    "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry.");
        }
    }

    /**
     * True when {@code name} is a valid queue name (SPEC §1.2 step 7): Zaqar's {@code ^[a-zA-Z0-9_\-.]+$}, at most
     * {@value #QUEUE_NAME_MAX} characters. Checked by hand, not by a regular expression: servers and the proxy
     * run it for every request.
     */
    public static boolean isValidQueueName(String name) {
        if (name.isEmpty() || name.length() > QUEUE_NAME_MAX) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '.';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static void checkQueueIdentification(String queue, String project) {
        if (!isValidQueueName(queue) || (project != null && project.length() > PROJECT_ID_MAX)) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Invalid queue identification",
                    "The format of the submitted queue name or project id is not valid.");
        }
    }
}
