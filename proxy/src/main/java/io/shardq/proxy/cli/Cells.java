package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Table cells from admin API JSON: absent or null values print as {@code -}, arrays and objects on one line. */
final class Cells {

    private Cells() {
    }

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? "-" : node.asText();
    }

    /** {@code ["a","b"]} → {@code a,b}. */
    static String list(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return items.isEmpty() ? "-" : String.join(",", items);
    }

    /** {@code {"fifo":true}} → {@code fifo=true}. */
    static String pairs(JsonNode object) {
        List<String> items = new ArrayList<>();
        object.fields().forEachRemaining(field -> items.add(field.getKey() + "=" + field.getValue().asText()));
        return items.isEmpty() ? "-" : String.join(",", items);
    }

    static String yesNo(JsonNode node) {
        return node.asBoolean() ? "yes" : "no";
    }
}
