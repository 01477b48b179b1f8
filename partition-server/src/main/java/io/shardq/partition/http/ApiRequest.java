package io.shardq.partition.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.partition.storage.QueueRef;
import java.util.Map;

/**
 * One request as the feature handlers see it: method, path, matched path parameters, query, headers
 * and the whole body. Immutable; built by the {@link Router} once the route is known.
 *
 * @param contentLength the declared Content-Length, the size of a chunked body, or {@code null} when the
 *                      request carried no body at all
 * @param journaling    whether the queue's change journal is on for this write ({@link FenceGuard}): its handler
 *                      must then tell what it changed even where finding out costs a read
 */
public record ApiRequest(HttpMethod method, String path, ApiVersion version, Map<String, String> pathParams,
                         QueryParams query, HttpHeaders headers, byte[] body, Integer contentLength,
                         boolean journaling) {

    public ApiRequest {
        requireNonNull(method, "method");
        requireNonNull(path, "path");
        requireNonNull(pathParams, "pathParams");
        requireNonNull(query, "query");
        requireNonNull(headers, "headers");
        requireNonNull(body, "body");
    }

    public ApiRequest(HttpMethod method, String path, ApiVersion version, Map<String, String> pathParams,
                      QueryParams query, HttpHeaders headers, byte[] body, Integer contentLength) {
        this(method, path, version, pathParams, query, headers, body, contentLength, false);
    }

    /** The same request, for a write whose queue journals its changes. */
    public ApiRequest journaled() {
        return new ApiRequest(method, path, version, pathParams, query, headers, body, contentLength, true);
    }

    public String project() {
        String project = headers.get("X-Project-ID");
        return project == null ? "" : project;
    }

    public String clientId() {
        return headers.get("Client-ID");
    }

    public String param(String name) {
        return pathParams.get(name);
    }

    public QueueRef queue() {
        return QueueRef.of(project(), pathParams.get("queue_name"));
    }

    /** The path of the queue resource, e.g. {@code /v2/queues/q} (hrefs are built from it). */
    public String queuePath() {
        return version.prefix() + "/queues/" + pathParams.get("queue_name");
    }

    public String header(String name) {
        return headers.get(name);
    }
}
