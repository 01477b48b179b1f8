package io.shardq.partition.config;

import java.util.List;

/**
 * Zaqar's {@code [transport]} limits and defaults (SPEC §3.1), under the same names. Seconds unless said.
 *
 * @param defaultMessageTtl          ttl when a message gives none; default {@value #DEFAULT_MESSAGE_TTL}
 * @param defaultClaimTtl            claim ttl when the request gives none; default {@value #DEFAULT_CLAIM_TTL}
 * @param defaultClaimGrace          claim grace when the request gives none; default {@value #DEFAULT_CLAIM_GRACE}
 * @param maxQueuesPerPage           queue listing limit; default {@value #DEFAULT_PAGE}
 * @param maxMessagesPerPage         message listing limit and ids per request; default {@value #DEFAULT_PAGE}
 * @param maxMessagesPerClaimOrPop   claim limit and pop; default {@value #DEFAULT_PAGE}
 * @param maxQueueMetadata           bytes of queue metadata; default {@value #DEFAULT_MAX_QUEUE_METADATA}
 * @param maxMessagesPostSize        bytes of one message post; default {@value #DEFAULT_MAX_MESSAGES_POST_SIZE}
 * @param maxMessageTtl              default {@value #DEFAULT_MAX_MESSAGE_TTL}
 * @param maxMessageDelay            default {@value #DEFAULT_MAX_MESSAGE_DELAY}
 * @param maxClaimTtl                default {@value #DEFAULT_MAX_CLAIM_TTL}
 * @param maxClaimGrace              default {@value #DEFAULT_MAX_CLAIM_GRACE}
 * @param clientIdUuidSafe           {@code strict} (Client-ID must be a UUID, default) or {@code off}
 * @param minLengthClientId          with {@code off}; default {@value #DEFAULT_MIN_LENGTH_CLIENT_ID}
 * @param maxLengthClientId          with {@code off}; default {@value #DEFAULT_MAX_LENGTH_CLIENT_ID}
 * @param messageDeleteWithClaimId   bulk delete needs {@code claim_ids}; default false
 */
public record LimitsConfig(Integer defaultMessageTtl, Integer defaultClaimTtl, Integer defaultClaimGrace,
                           Integer maxQueuesPerPage, Integer maxMessagesPerPage, Integer maxMessagesPerClaimOrPop,
                           Integer maxQueueMetadata, Integer maxMessagesPostSize, Integer maxMessageTtl,
                           Integer maxMessageDelay, Integer maxClaimTtl, Integer maxClaimGrace,
                           String clientIdUuidSafe, Integer minLengthClientId, Integer maxLengthClientId,
                           Boolean messageDeleteWithClaimId) {

    public static final int MIN_MESSAGE_TTL = 60;
    public static final int MIN_CLAIM_TTL = 60;
    public static final int MIN_CLAIM_GRACE = 60;
    public static final int DEFAULT_MESSAGE_TTL = 3600;
    public static final int DEFAULT_CLAIM_TTL = 300;
    public static final int DEFAULT_CLAIM_GRACE = 60;
    public static final int DEFAULT_PAGE = 20;
    public static final int DEFAULT_MAX_QUEUE_METADATA = 65536;
    public static final int DEFAULT_MAX_MESSAGES_POST_SIZE = 262144;
    public static final int DEFAULT_MAX_MESSAGE_TTL = 1209600;
    public static final int DEFAULT_MAX_MESSAGE_DELAY = 900;
    public static final int DEFAULT_MAX_CLAIM_TTL = 43200;
    public static final int DEFAULT_MAX_CLAIM_GRACE = 43200;
    public static final int DEFAULT_MIN_LENGTH_CLIENT_ID = 10;
    public static final int DEFAULT_MAX_LENGTH_CLIENT_ID = 36;

    public LimitsConfig {
        defaultMessageTtl = or(defaultMessageTtl, DEFAULT_MESSAGE_TTL);
        defaultClaimTtl = or(defaultClaimTtl, DEFAULT_CLAIM_TTL);
        defaultClaimGrace = or(defaultClaimGrace, DEFAULT_CLAIM_GRACE);
        maxQueuesPerPage = or(maxQueuesPerPage, DEFAULT_PAGE);
        maxMessagesPerPage = or(maxMessagesPerPage, DEFAULT_PAGE);
        maxMessagesPerClaimOrPop = or(maxMessagesPerClaimOrPop, DEFAULT_PAGE);
        maxQueueMetadata = or(maxQueueMetadata, DEFAULT_MAX_QUEUE_METADATA);
        maxMessagesPostSize = or(maxMessagesPostSize, DEFAULT_MAX_MESSAGES_POST_SIZE);
        maxMessageTtl = or(maxMessageTtl, DEFAULT_MAX_MESSAGE_TTL);
        maxMessageDelay = or(maxMessageDelay, DEFAULT_MAX_MESSAGE_DELAY);
        maxClaimTtl = or(maxClaimTtl, DEFAULT_MAX_CLAIM_TTL);
        maxClaimGrace = or(maxClaimGrace, DEFAULT_MAX_CLAIM_GRACE);
        clientIdUuidSafe = clientIdUuidSafe == null ? "strict" : clientIdUuidSafe;
        minLengthClientId = or(minLengthClientId, DEFAULT_MIN_LENGTH_CLIENT_ID);
        maxLengthClientId = or(maxLengthClientId, DEFAULT_MAX_LENGTH_CLIENT_ID);
        messageDeleteWithClaimId = messageDeleteWithClaimId != null && messageDeleteWithClaimId;
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public boolean strictClientId() {
        return clientIdUuidSafe.equals("strict");
    }

    /** The Client-ID rule the request hooks enforce. */
    public io.shardq.common.zaqar.RequestHooks.ClientIdPolicy clientIdPolicy() {
        return new io.shardq.common.zaqar.RequestHooks.ClientIdPolicy(strictClientId(), minLengthClientId,
                maxLengthClientId);
    }

    private static Integer or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    void validate(List<String> problems) {
        range("limits.default_message_ttl", defaultMessageTtl, MIN_MESSAGE_TTL, maxMessageTtl, problems);
        range("limits.default_claim_ttl", defaultClaimTtl, MIN_CLAIM_TTL, maxClaimTtl, problems);
        range("limits.default_claim_grace", defaultClaimGrace, MIN_CLAIM_GRACE, maxClaimGrace, problems);
        HttpConfig.positive("limits.max_queues_per_page", maxQueuesPerPage, problems);
        HttpConfig.positive("limits.max_messages_per_page", maxMessagesPerPage, problems);
        HttpConfig.positive("limits.max_messages_per_claim_or_pop", maxMessagesPerClaimOrPop, problems);
        HttpConfig.positive("limits.max_queue_metadata", maxQueueMetadata, problems);
        HttpConfig.positive("limits.max_messages_post_size", maxMessagesPostSize, problems);
        range("limits.max_message_ttl", maxMessageTtl, MIN_MESSAGE_TTL, Integer.MAX_VALUE / 1000, problems);
        range("limits.max_message_delay", maxMessageDelay, 0, Integer.MAX_VALUE / 1000, problems);
        range("limits.max_claim_ttl", maxClaimTtl, MIN_CLAIM_TTL, Integer.MAX_VALUE / 1000, problems);
        range("limits.max_claim_grace", maxClaimGrace, MIN_CLAIM_GRACE, Integer.MAX_VALUE / 1000, problems);
        if (!clientIdUuidSafe.equals("strict") && !clientIdUuidSafe.equals("off")) {
            problems.add("limits.client_id_uuid_safe: " + clientIdUuidSafe + " (expected: strict or off)");
        }
        if (minLengthClientId < 1 || minLengthClientId > maxLengthClientId) {
            problems.add("limits.min_length_client_id: " + minLengthClientId
                    + " (expected: 1..max_length_client_id " + maxLengthClientId + ")");
        }
    }

    private static void range(String name, int value, int min, int max, List<String> problems) {
        if (value < min || value > max) {
            problems.add(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
