package io.shardq.partition.queues;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.JsonBodies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Texts from Zaqar's {@code Validator.queue_metadata_putting}, checked in its order. */
class ReservedMetadataTest {

    private final ReservedMetadata reserved = new ReservedMetadata(LimitsConfig.defaults());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"_default_message_ttl\":3600.5}             | _default_message_ttl must be integer.",
        "{\"_default_message_ttl\":\"3600\"}           | _default_message_ttl must be integer.",
        "{\"_default_message_ttl\":59}                 "
                + "| _default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.",
        "{\"_default_message_ttl\":1209601}            "
                + "| _default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.",
        "{\"_default_message_ttl\":0}                  "
                + "| _default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.",
        "{\"_default_message_ttl\":true}               "
                + "| _default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.",
        "{\"_max_messages_post_size\":[1]}             | _max_messages_post_size must be integer.",
        "{\"_max_messages_post_size\":0}               "
                + "| _max_messages_post_size can not exceed 262144,  and must be at least greater than 0.",
        "{\"_max_messages_post_size\":262145}          "
                + "| _max_messages_post_size can not exceed 262144,  and must be at least greater than 0.",
        "{\"_max_claim_count\":\"5\"}                  | _max_claim_count must be integer.",
        "{\"_max_claim_count\":1.5}                    | _max_claim_count must be integer.",
        "{\"_dead_letter_queue_messages_ttl\":\"x\"}   | _dead_letter_queue_messages_ttl must be integer.",
        "{\"_dead_letter_queue_messages_ttl\":59}      "
                + "| The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.",
        "{\"_default_message_delay\":\"x\"}            | _default_message_delay must be integer.",
        "{\"_default_message_delay\":901}              "
                + "| The TTL can not exceed 900 seconds, and must be at least 0 seconds long.",
        "{\"_default_message_delay\":-1}               "
                + "| The TTL can not exceed 900 seconds, and must be at least 0 seconds long.",
        "{\"_enable_encrypt_messages\":1}              | _enable_encrypt_messages must be boolean.",
        "{\"_enable_encrypt_messages\":\"yes\"}        | _enable_encrypt_messages must be boolean.",
        "{\"_default_message_delay\":901,\"_default_message_ttl\":1} "
                + "| _default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.",
        "{\"_enable_encrypt_messages\":1,\"_max_claim_count\":\"x\"} | _max_claim_count must be integer.",
    })
    void invalidReservedValueIsRejectedWithZaqarsText(String metadata, String description) {
        assertThatThrownBy(() -> reserved.validate(object(metadata), HttpError::invalidApiRequest))
                .isInstanceOfSatisfying(HttpError.class, error -> {
                    assertThat(error.status().code()).isEqualTo(400);
                    assertThat(error.title()).isEqualTo("Invalid API request");
                    assertThat(error.description()).isEqualTo(description);
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{}",
        "{\"_default_message_ttl\":60,\"_max_messages_post_size\":262144,\"_default_message_delay\":900,"
                + "\"_dead_letter_queue\":\"dlq\",\"_dead_letter_queue_messages_ttl\":1209600,\"_max_claim_count\":3,"
                + "\"_enable_encrypt_messages\":true,\"color\":\"blue\"}",
        "{\"_default_message_ttl\":null,\"_max_claim_count\":null,\"_default_message_delay\":0}",
        "{\"_max_claim_count\":-1,\"_enable_encrypt_messages\":0}",
        "{\"_max_claim_count\":0,\"_enable_encrypt_messages\":\"\"}",
    })
    void validReservedValuesPass(String metadata) {
        assertThatCode(() -> reserved.validate(object(metadata), HttpError::invalidApiRequest))
                .doesNotThrowAnyException();
    }

    @Test
    void rangeTextsFollowTheConfiguredLimits() {
        ReservedMetadata custom = new ReservedMetadata(new LimitsConfig(null, null, null, null, null, null, null, 1000,
                7200, 30, null, null, null, null, null, null));

        assertThatThrownBy(() -> custom.validate(object("{\"_default_message_ttl\":7201}"), HttpError::invalidBody))
                .hasMessage("Invalid request body: _default_message_ttl can not exceed 7200 seconds, "
                        + "and must be at least 60 seconds long.");
        assertThatThrownBy(() -> custom.validate(object("{\"_max_messages_post_size\":1001}"), HttpError::invalidBody))
                .hasMessageEndingWith("_max_messages_post_size can not exceed 1000,  and must be at least greater than 0.");
        assertThatThrownBy(() -> custom.validate(object("{\"_default_message_delay\":31}"), HttpError::invalidBody))
                .hasMessageEndingWith("The TTL can not exceed 30 seconds, and must be at least 0 seconds long.");
    }

    @Test
    void defaultsViewMatchesZaqars() {
        ObjectNode view = reserved.withDefaults(object("{}"));

        assertThat(JsonBodies.text(view)).isEqualTo("{\"_max_messages_post_size\":262144,\"_default_message_ttl\":3600,"
                + "\"_default_message_delay\":0,\"_dead_letter_queue\":null,\"_dead_letter_queue_messages_ttl\":null,"
                + "\"_max_claim_count\":null,\"_enable_encrypt_messages\":false}");
    }

    @Test
    void defaultsReplaceFalsyValuesButKeepTruthyOnesAndOtherKeys() {
        ObjectNode view = reserved.withDefaults(object("{\"_default_message_ttl\":0,\"_max_claim_count\":0,"
                + "\"_dead_letter_queue\":\"\",\"_max_messages_post_size\":1024,\"_enable_encrypt_messages\":true,"
                + "\"color\":\"blue\"}"));

        assertThat(view.get("_default_message_ttl").asInt()).isEqualTo(3600);
        assertThat(view.get("_max_claim_count").isNull()).isTrue();
        assertThat(view.get("_dead_letter_queue").isNull()).isTrue();
        assertThat(view.get("_max_messages_post_size").asInt()).isEqualTo(1024);
        assertThat(view.get("_enable_encrypt_messages").booleanValue()).isTrue();
        assertThat(view.get("color").textValue()).isEqualTo("blue");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "null | false", "false | false", "true | true", "0 | false", "0.0 | false", "-1 | true", "0.5 | true",
        "\"\" | false", "\"a\" | true", "[] | false", "[0] | true", "{} | false", "{\"a\":null} | true",
    })
    void truthinessIsPythons(String json, boolean truthy) {
        JsonNode value = object("{\"v\":" + json + "}").get("v");

        assertThat(ReservedMetadata.truthy(value)).isEqualTo(truthy);
    }

    @Test
    void absentValueIsFalsy() {
        assertThat(ReservedMetadata.truthy(null)).isFalse();
        assertThat(ReservedMetadata.truthy(object("{}").path("v"))).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"_default_message_ttl\":120}   | 120",
        "{\"_default_message_ttl\":0}     | 3600",
        "{\"_default_message_ttl\":null}  | 3600",
        "{\"_default_message_ttl\":\"9\"} | 3600",
        "{}                               | 3600",
    })
    void intValueFallsBackWhenAbsentFalsyOrNotAnInt(String metadata, int expected) {
        assertThat(ReservedMetadata.intValue(object(metadata), ReservedMetadata.DEFAULT_MESSAGE_TTL, 3600))
                .isEqualTo(expected);
        assertThat(ReservedMetadata.intValue(null, ReservedMetadata.DEFAULT_MESSAGE_TTL, 7)).isEqualTo(7);
    }

    @Test
    void onlyTheSevenDefaultedKeysAreReserved() {
        assertThat(reserved.isReserved("_dead_letter_queue")).isTrue();
        assertThat(reserved.isReserved("_enable_encrypt_messages")).isTrue();
        assertThat(reserved.isReserved("_flavor")).isFalse();
        assertThat(reserved.isReserved("default_message_ttl")).isFalse();
    }

    private static ObjectNode object(String json) {
        return (ObjectNode) JsonBodies.parse(json.getBytes(UTF_8));
    }
}
