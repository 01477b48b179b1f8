package io.shardq.migration.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of JSON object fields for request bodies; every failure is an {@link IllegalArgumentException}
 * that names the field, where it was, and what was expected.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** Parses {@code json}, which must be one JSON object. */
    public static ObjectNode object(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("body: empty (expected: a JSON object)");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: malformed JSON, " + e.getOriginalMessage() + " (expected: one JSON object)", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("body: " + node.getNodeType() + " (expected: a JSON object)");
        }
        return object;
    }

    public static String requireText(ObjectNode node, String field, String where) {
        String text = optionalText(node, field, where);
        if (text == null) {
            throw missing(field, where, "a string");
        }
        return text;
    }

    /** The field's text, or {@code null} when absent or JSON null. */
    public static String optionalText(ObjectNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrong(field, where, value, "a string");
        }
        return value.textValue();
    }

    public static long requireLong(ObjectNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw missing(field, where, "an integer");
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(field, where, value, "an integer");
        }
        return value.longValue();
    }

    /** The field as a long, 0 when absent or null. */
    public static long optionalLong(ObjectNode node, String field, String where) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? 0 : requireLong(node, field, where);
    }

    public static int requireInt(ObjectNode node, String field, String where) {
        long value = requireLong(node, field, where);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw wrong(field, where, node.get(field), "a 32-bit integer");
        }
        return (int) value;
    }

    public static boolean requireBoolean(ObjectNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw wrong(field, where, value, "true or false");
        }
        return value.booleanValue();
    }

    /** The field, which must be an array of objects. */
    public static List<ObjectNode> requireObjects(ObjectNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw wrong(field, where, value, "an array of objects");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode element : value) {
            if (!(element instanceof ObjectNode object)) {
                throw wrong(field, where, element, "an array of objects");
            }
            objects.add(object);
        }
        return objects;
    }

    /** The field, which must be an array of strings. */
    public static List<String> requireTexts(ObjectNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw wrong(field, where, value, "an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw wrong(field, where, element, "an array of strings");
            }
            texts.add(element.textValue());
        }
        return texts;
    }

    private static IllegalArgumentException missing(String field, String where, String expected) {
        return new IllegalArgumentException(field + " of " + where + ": missing (expected: " + expected + ")");
    }

    private static IllegalArgumentException wrong(String field, String where, JsonNode value, String expected) {
        return new IllegalArgumentException(field + " of " + where + ": " + value + " (expected: " + expected + ")");
    }
}
