package io.shardq.migration.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** What a route answers: a status, a JSON body ({@code null} for none) and extra headers. */
public record AgentResponse(HttpResponseStatus status, String json, Map<String, String> headers) {

    public AgentResponse {
        headers = Map.copyOf(headers);
    }

    public static AgentResponse ok(String json) {
        return new AgentResponse(HttpResponseStatus.OK, json, Map.of());
    }

    public static AgentResponse accepted(String json) {
        return new AgentResponse(HttpResponseStatus.ACCEPTED, json, Map.of());
    }

    public static AgentResponse noContent() {
        return new AgentResponse(HttpResponseStatus.NO_CONTENT, null, Map.of());
    }
}
