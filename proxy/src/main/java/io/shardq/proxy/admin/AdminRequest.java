package io.shardq.proxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.shardq.common.json.Json;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import java.io.IOException;

/** An admin API request: method, path segments after {@code /v2}, query, headers and body. */
record AdminRequest(String method, String path, String[] segments, QueryParams query, HttpHeaders headers, byte[] body) {

    JsonNode json() {
        if (body.length == 0) {
            throw HttpError.invalidBody("Request body can not be empty");
        }
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw HttpError.invalidBody("Document type not supported.");
            }
            return node;
        } catch (IOException e) {
            throw HttpError.invalidBody("Request body could not be parsed.");
        }
    }

    String project() {
        String project = headers.get("X-Project-ID");
        return project == null ? "" : project;
    }

    String segment(int index) {
        return index < segments.length ? segments[index] : null;
    }
}
