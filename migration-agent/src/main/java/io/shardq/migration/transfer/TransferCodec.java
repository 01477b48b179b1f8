package io.shardq.migration.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.json.Json;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.StatePage;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON form of the transfer records ({@link ExportPage}, {@link Message}, {@link Claim}, {@link StatePage},
 * {@link MessageState}), snake_case, times in epoch millis. A message body is JSON text and is embedded raw,
 * and read back as the exact characters it was written with, so a page survives the trip byte for byte.
 * Reading fails with {@link IllegalArgumentException} naming the bad field.
 */
public final class TransferCodec {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private TransferCodec() {
    }

    public static String writeExportPage(ExportPage page) {
        return writeExportPage(page, Json.mapper().createObjectNode());
    }

    /** The page with the fields of {@code extra} before its own (a page with a purpose, such as a replacement). */
    public static String writeExportPage(ExportPage page, ObjectNode extra) {
        return write(gen -> {
            gen.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = extra.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                gen.writeFieldName(field.getKey());
                gen.writeTree(field.getValue());
            }
            gen.writeFieldName("metadata");
            gen.writeTree(page.metadata() == null ? Json.mapper().createObjectNode() : page.metadata());
            gen.writeNumberField("last_position", page.lastPosition());
            gen.writeArrayFieldStart("messages");
            for (Message message : page.messages()) {
                writeMessage(gen, message);
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("claims");
            for (Claim claim : page.claims()) {
                writeClaim(gen, claim);
            }
            gen.writeEndArray();
            gen.writeNumberField("next_cursor", page.nextCursor());
            gen.writeBooleanField("done", page.done());
            gen.writeEndObject();
        });
    }

    public static String writeStatePage(StatePage page) {
        return write(gen -> {
            gen.writeStartObject();
            writeStates(gen, page.states());
            gen.writeNumberField("next_cursor", page.nextCursor());
            gen.writeBooleanField("done", page.done());
            gen.writeEndObject();
        });
    }

    /** {@code {"states": [...]}}, the body of {@code POST /v2/transfer/states}. */
    public static String writeStates(List<MessageState> states) {
        return write(gen -> {
            gen.writeStartObject();
            writeStates(gen, states);
            gen.writeEndObject();
        });
    }

    /** {@code {"claims": [...]}}, the body of {@code PUT /v2/transfer/claims}. */
    public static String writeClaims(List<Claim> claims) {
        return write(gen -> {
            gen.writeStartObject();
            gen.writeArrayFieldStart("claims");
            for (Claim claim : claims) {
                writeClaim(gen, claim);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        });
    }

    /** The {@code claims} of {@code {"claims": [...]}} (claims without messages). */
    public static List<Claim> readClaims(String json) {
        return ExportPageReader.claims(JsonFields.object(json).get("claims"));
    }

    public static ExportPage readExportPage(String json) {
        return readExportPage(json, Json.mapper().createObjectNode());
    }

    /** Reads a page; the fields that are not the page's own are set on {@code extra}. */
    public static ExportPage readExportPage(String json, ObjectNode extra) {
        return read(json, parser -> ExportPageReader.read(parser, json, extra));
    }

    public static StatePage readStatePage(String json) {
        ObjectNode page = JsonFields.object(json);
        return new StatePage(states(page), JsonFields.requireLong(page, "next_cursor", "page"),
                JsonFields.requireBoolean(page, "done", "page"));
    }

    /** The {@code states} of {@code {"states": [...]}}. */
    public static List<MessageState> readStates(String json) {
        return states(JsonFields.object(json));
    }

    private static List<MessageState> states(ObjectNode body) {
        List<MessageState> states = new ArrayList<>();
        for (ObjectNode state : JsonFields.requireObjects(body, "states", "body")) {
            String id = JsonFields.requireText(state, "id", "state");
            String at = "state " + id;
            states.add(new MessageState(id, JsonFields.requireLong(state, "position", at),
                    JsonFields.requireInt(state, "ttl", at), JsonFields.requireLong(state, "expires", at),
                    JsonFields.optionalText(state, "claim_id", at), JsonFields.optionalLong(state, "claim_expires", at),
                    (int) JsonFields.optionalLong(state, "claim_count", at)));
        }
        return states;
    }

    static void writeMessage(JsonGenerator gen, Message message) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", message.id());
        gen.writeNumberField("position", message.position());
        gen.writeFieldName("body");
        gen.writeRawValue(message.body());
        gen.writeNumberField("ttl", message.ttl());
        gen.writeNumberField("created", message.createdMillis());
        gen.writeNumberField("expires", message.expiresMillis());
        gen.writeNumberField("delay_expires", message.delayExpiresMillis());
        gen.writeStringField("client_id", message.clientId());
        gen.writeStringField("claim_id", message.claimId());
        gen.writeNumberField("claim_expires", message.claimExpiresMillis());
        gen.writeNumberField("claim_count", message.claimCount());
        gen.writeEndObject();
    }

    private static void writeClaim(JsonGenerator gen, Claim claim) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", claim.id());
        gen.writeNumberField("ttl", claim.ttl());
        gen.writeNumberField("grace", claim.grace());
        gen.writeNumberField("created", claim.createdMillis());
        gen.writeNumberField("expires", claim.expiresMillis());
        gen.writeEndObject();
    }

    private static void writeStates(JsonGenerator gen, List<MessageState> states) throws IOException {
        gen.writeArrayFieldStart("states");
        for (MessageState state : states) {
            gen.writeStartObject();
            gen.writeStringField("id", state.id());
            gen.writeNumberField("position", state.position());
            gen.writeNumberField("ttl", state.ttl());
            gen.writeNumberField("expires", state.expiresMillis());
            gen.writeStringField("claim_id", state.claimId());
            gen.writeNumberField("claim_expires", state.claimExpiresMillis());
            gen.writeNumberField("claim_count", state.claimCount());
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    /** Reads {@code json} completely: one value, nothing after it. */
    private static <T> T read(String json, Reader<T> reader) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("body: empty (expected: a JSON object)");
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("body: " + parser.currentToken() + " (expected: a JSON object)");
            }
            T value = reader.read(parser);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("body: data after the JSON object (expected: one JSON object)");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: malformed JSON, " + e.getOriginalMessage() + " (expected: one JSON object)", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Writer writer) {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writer.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(JsonParser parser) throws IOException;
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator gen) throws IOException;
    }

}
