package io.shardq.partition.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.json.Json;
import io.shardq.common.zaqar.HttpError;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies the way Zaqar does ({@code wsgi/utils.py}: {@code deserialize}, {@code sanitize},
 * {@code get_checked_field}), with the same error texts, and writes response bodies.
 */
public final class JsonBodies {

    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private JsonBodies() {
    }

    /** The parsed body; 400 when there is none, it is not JSON, or it is a scalar. */
    public static JsonNode deserialize(ApiRequest request) {
        if (request.contentLength() == null) {
            throw HttpError.invalidBody("Request body can not be empty");
        }
        return parse(request.body());
    }

    /** Parses a JSON object or array; 400 "could not be parsed" or "integer that is too large". */
    public static JsonNode parse(byte[] body) {
        JsonNode node;
        try {
            // Zaqar decodes the bytes as strict UTF-8 and then parses text: a byte order mark, invalid
            // UTF-8 or UTF-16 input (which Jackson would auto-detect from bytes) cannot be parsed
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
            if (text.startsWith("\uFEFF")) {
                throw HttpError.invalidBody("Request body could not be parsed.");
            }
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw HttpError.invalidBody("Request body could not be parsed.");
        }
        if (node == null || !(node.isObject() || node.isArray())) {
            throw HttpError.invalidBody("Request body could not be parsed.");
        }
        if (hasOverflowingInteger(node)) {
            throw HttpError.invalidBody("JSON contains integer that is too large.");
        }
        return node;
    }

    private static boolean hasOverflowingInteger(JsonNode node) {
        if (node.isBigInteger()) {
            BigInteger value = node.bigIntegerValue();
            return value.compareTo(MIN_LONG) < 0 || value.compareTo(MAX_LONG) > 0;
        }
        if (node.isContainerNode()) {
            for (JsonNode child : node) {
                if (hasOverflowingInteger(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The body as an object; 400 "Document type not supported." otherwise. */
    public static ObjectNode object(JsonNode document) {
        if (!document.isObject()) {
            throw documentTypeNotSupported();
        }
        return (ObjectNode) document;
    }

    /** The body as an array; 400 "Document type not supported." otherwise. */
    public static ArrayNode array(JsonNode document) {
        if (document == null || !document.isArray()) {
            throw documentTypeNotSupported();
        }
        return (ArrayNode) document;
    }

    public static HttpError documentTypeNotSupported() {
        return HttpError.invalidBody("Document type not supported.");
    }

    /**
     * An integer field of {@code document}, Python-typed: JSON booleans count as 0/1 (they are ints in
     * Python), floats and strings do not. {@code fallback} null makes the field required.
     */
    public static long intField(JsonNode document, String name, Integer fallback) {
        JsonNode value = document.get(name);
        if (value == null) {
            if (fallback == null) {
                throw HttpError.invalidBody("Missing \"" + name + "\" field.");
            }
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? value.longValue()
                    : value.bigIntegerValue().signum() * Long.MAX_VALUE;
        }
        throw HttpError.invalidBody("The value of the \"" + name + "\" field must be a int.");
    }

    /** Serializes a response body. */
    public static byte[] write(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize response", e);
        }
    }

    /** Serializes a JSON value (a message body) to the text stored for it. */
    public static String text(JsonNode value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize message body", e);
        }
    }
}
