package io.shardq.migration.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.json.Json;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Streams an export page, so that each message body is kept as the exact JSON text it was sent as (its
 * characters cut from the source between the value's first and last token), not re-serialized.
 */
final class ExportPageReader {

    /** Reads one value mid-stream (the shared mapper would refuse the fields after it as trailing tokens). */
    private static final ObjectReader TREES = Json.mapper().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The page's own fields besides {@code messages} and {@code claims}. */
    private static final Set<String> PAGE_FIELDS = Set.of("metadata", "last_position", "next_cursor", "done");

    private ExportPageReader() {
    }

    private static JsonNode tree(JsonParser parser) throws IOException {
        return TREES.readTree(parser);
    }

    /**
     * Reads the page whose opening brace {@code parser} stands on; {@code source} is the whole text. Fields that
     * are not the page's own are set on {@code extra}.
     */
    static ExportPage read(JsonParser parser, String source, ObjectNode extra) throws IOException {
        ObjectNode scalars = Json.mapper().createObjectNode();
        List<Message> messages = null;
        List<Claim> claims = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "messages" -> messages = messages(parser, source);
                case "claims" -> claims = claims(tree(parser));
                default -> scalars.set(field, tree(parser));
            }
        }
        if (messages == null || claims == null) {
            throw new IllegalArgumentException((messages == null ? "messages" : "claims")
                    + " of page: missing (expected: an array of objects)");
        }
        JsonNode metadata = scalars.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new IllegalArgumentException("metadata of page: " + metadata + " (expected: an object)");
        }
        scalars.fields().forEachRemaining(field -> {
            if (!PAGE_FIELDS.contains(field.getKey())) {
                extra.set(field.getKey(), field.getValue());
            }
        });
        return new ExportPage(metadata == null || metadata.isNull() ? Json.mapper().createObjectNode()
                : (ObjectNode) metadata, JsonFields.requireLong(scalars, "last_position", "page"), messages, claims,
                JsonFields.requireLong(scalars, "next_cursor", "page"), JsonFields.requireBoolean(scalars, "done", "page"));
    }

    private static List<Message> messages(JsonParser parser, String source) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("messages of page: not an array (expected: an array of objects)");
        }
        List<Message> messages = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("messages of page: " + parser.currentToken()
                        + " (expected: an array of objects)");
            }
            messages.add(message(parser, source));
        }
        return messages;
    }

    private static Message message(JsonParser parser, String source) throws IOException {
        ObjectNode fields = Json.mapper().createObjectNode();
        String body = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("body")) {
                body = rawValue(parser, source);
            } else {
                fields.set(field, tree(parser));
            }
        }
        String id = JsonFields.requireText(fields, "id", "message");
        String at = "message " + id;
        if (body == null) {
            throw new IllegalArgumentException("body of " + at + ": missing (expected: any JSON value)");
        }
        return new Message(id, JsonFields.requireLong(fields, "position", at), body,
                JsonFields.requireInt(fields, "ttl", at), JsonFields.requireLong(fields, "created", at),
                JsonFields.requireLong(fields, "expires", at), JsonFields.optionalLong(fields, "delay_expires", at),
                JsonFields.optionalText(fields, "client_id", at), JsonFields.optionalText(fields, "claim_id", at),
                JsonFields.optionalLong(fields, "claim_expires", at),
                (int) JsonFields.optionalLong(fields, "claim_count", at));
    }

    /** The source text of the value the parser stands on, which it then passes. */
    private static String rawValue(JsonParser parser, String source) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        parser.finishToken();
        int end = (int) parser.currentLocation().getCharOffset();
        return source.substring(start, end);
    }

    /** The claims of a {@code claims} array (without messages). */
    static List<Claim> claims(JsonNode array) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("claims of page: " + array + " (expected: an array of objects)");
        }
        List<Claim> claims = new ArrayList<>();
        for (JsonNode element : array) {
            if (!(element instanceof ObjectNode claim)) {
                throw new IllegalArgumentException("claims of page: " + element + " (expected: objects)");
            }
            String id = JsonFields.requireText(claim, "id", "claim");
            String at = "claim " + id;
            claims.add(new Claim(id, JsonFields.requireInt(claim, "ttl", at), JsonFields.requireInt(claim, "grace", at),
                    JsonFields.requireLong(claim, "created", at), JsonFields.requireLong(claim, "expires", at), List.of()));
        }
        return claims;
    }
}
