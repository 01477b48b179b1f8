package io.shardq.partition.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The reserved queue metadata keys of SPEC §3.2: their defaults (filled into v2 views when absent or
 * falsy, as Zaqar does) and their validation, with Zaqar's texts.
 */
public final class ReservedMetadata {

    public static final String DEFAULT_MESSAGE_TTL = "_default_message_ttl";
    public static final String MAX_MESSAGES_POST_SIZE = "_max_messages_post_size";
    public static final String DEFAULT_MESSAGE_DELAY = "_default_message_delay";
    public static final String DEAD_LETTER_QUEUE = "_dead_letter_queue";
    public static final String DEAD_LETTER_QUEUE_MESSAGES_TTL = "_dead_letter_queue_messages_ttl";
    public static final String MAX_CLAIM_COUNT = "_max_claim_count";
    public static final String ENABLE_ENCRYPT_MESSAGES = "_enable_encrypt_messages";

    private final LimitsConfig limits;
    private final Map<String, JsonNode> defaults = new LinkedHashMap<>();

    public ReservedMetadata(LimitsConfig limits) {
        this.limits = limits;
        JsonNodeFactory json = JsonNodeFactory.instance;
        defaults.put(MAX_MESSAGES_POST_SIZE, json.numberNode(limits.maxMessagesPostSize()));
        defaults.put(DEFAULT_MESSAGE_TTL, json.numberNode(limits.defaultMessageTtl()));
        defaults.put(DEFAULT_MESSAGE_DELAY, json.numberNode(0));
        defaults.put(DEAD_LETTER_QUEUE, json.nullNode());
        defaults.put(DEAD_LETTER_QUEUE_MESSAGES_TTL, json.nullNode());
        defaults.put(MAX_CLAIM_COUNT, json.nullNode());
        defaults.put(ENABLE_ENCRYPT_MESSAGES, json.booleanNode(false));
    }

    public boolean isReserved(String key) {
        return defaults.containsKey(key);
    }

    /** {@code metadata} with every reserved key that is absent or falsy set to its default (in place). */
    public ObjectNode withDefaults(ObjectNode metadata) {
        defaults.forEach((key, value) -> {
            if (!truthy(metadata.get(key))) {
                metadata.set(key, value);
            }
        });
        return metadata;
    }

    /** Python truthiness of a JSON value. */
    public static boolean truthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() != 0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        return value.size() > 0;
    }

    /** Zaqar's {@code queue_metadata_putting}; {@code error} builds the exception for a message. */
    public void validate(ObjectNode metadata, Function<String, HttpError> error) {
        if (metadata == null || metadata.isEmpty()) {
            return;
        }
        String ttlRange = " can not exceed " + limits.maxMessageTtl() + " seconds, and must be at least "
                + LimitsConfig.MIN_MESSAGE_TTL + " seconds long.";
        checkInt(metadata, DEFAULT_MESSAGE_TTL, LimitsConfig.MIN_MESSAGE_TTL, limits.maxMessageTtl(),
                DEFAULT_MESSAGE_TTL + ttlRange, error);
        checkInt(metadata, MAX_MESSAGES_POST_SIZE, 1, limits.maxMessagesPostSize(), MAX_MESSAGES_POST_SIZE
                + " can not exceed " + limits.maxMessagesPostSize() + ",  and must be at least greater than 0.", error);
        checkType(metadata, MAX_CLAIM_COUNT, error);
        checkInt(metadata, DEAD_LETTER_QUEUE_MESSAGES_TTL, LimitsConfig.MIN_MESSAGE_TTL, limits.maxMessageTtl(),
                "The TTL for a message may not exceed " + limits.maxMessageTtl()
                        + " seconds, and must be at least 60 seconds long.", error);
        checkInt(metadata, DEFAULT_MESSAGE_DELAY, 0, limits.maxMessageDelay(), "The TTL can not exceed "
                + limits.maxMessageDelay() + " seconds, and must be at least 0 seconds long.", error);
        JsonNode encrypt = metadata.get(ENABLE_ENCRYPT_MESSAGES);
        if (truthy(encrypt) && !encrypt.isBoolean()) {
            throw error.apply(ENABLE_ENCRYPT_MESSAGES + " must be boolean.");
        }
        JsonNode dlq = metadata.get(DEAD_LETTER_QUEUE);
        if (truthy(dlq) && !dlq.isTextual()) {
            throw error.apply(DEAD_LETTER_QUEUE + " must be a string.");
        }
    }

    private static void checkType(ObjectNode metadata, String key, Function<String, HttpError> error) {
        JsonNode value = metadata.get(key);
        if (truthy(value) && !isPythonInt(value)) {
            throw error.apply(key + " must be integer.");
        }
    }

    private static void checkInt(ObjectNode metadata, String key, long min, long max, String rangeText,
                                 Function<String, HttpError> error) {
        checkType(metadata, key, error);
        JsonNode value = metadata.get(key);
        if (value == null || value.isNull()) {
            return;
        }
        if (!isPythonInt(value)) {
            throw error.apply(key + " must be integer.");
        }
        long number = value.isBoolean() ? (value.booleanValue() ? 1 : 0) : value.longValue();
        if (number < min || number > max) {
            throw error.apply(rangeText);
        }
    }

    private static boolean isPythonInt(JsonNode value) {
        return value.isIntegralNumber() || value.isBoolean();
    }

    /** An integer reserved value, or {@code fallback} when absent, null or falsy. */
    public static int intValue(ObjectNode metadata, String key, int fallback) {
        JsonNode value = metadata == null ? null : metadata.get(key);
        return truthy(value) && value.isIntegralNumber() ? value.intValue() : fallback;
    }
}
