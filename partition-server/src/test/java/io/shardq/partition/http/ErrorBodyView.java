package io.shardq.partition.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A Zaqar error body read back from a response, for assertions: title, description and field names. */
record ErrorBodyView(String title, String description, List<String> fields) {

    static ErrorBodyView of(ApiResponse response) {
        try {
            JsonNode node = Json.mapper().readTree(response.body());
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            JsonNode description = node.get("description");
            return new ErrorBodyView(node.get("title").textValue(), description == null ? null : description.textValue(),
                    fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
