package io.shardq.partition.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    @Test
    void requestWithoutBodyCanNotBeEmpty() {
        assertInvalidBody(() -> JsonBodies.deserialize(request(new byte[0], null)), "Request body can not be empty");
    }

    @Test
    void requestWithBodyIsParsed() {
        JsonNode node = JsonBodies.deserialize(request("{\"ttl\":300}".getBytes(UTF_8), 11));

        assertThat(node.get("ttl").asLong()).isEqualTo(300);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "{", "not json", "{\"a\":1}x", "{\"a\":1} {}", "[1,]", "{'a':1}", "1", "\"text\"",
        "null", "true", "3.5"})
    void malformedOrScalarDocumentCouldNotBeParsed(String body) {
        assertInvalidBody(() -> JsonBodies.parse(body.getBytes(UTF_8)), "Request body could not be parsed.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\":9223372036854775808}", "[-9223372036854775809]",
        "{\"messages\":[{\"ttl\":1,\"body\":{\"n\":[99999999999999999999999]}}]}"})
    void integerBeyondInt64IsTooLarge(String body) {
        assertInvalidBody(() -> JsonBodies.parse(body.getBytes(UTF_8)), "JSON contains integer that is too large.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"a\":9223372036854775807}", "[-9223372036854775808]", "{\"f\":1e400}", "[]", "{}"})
    void int64BoundsAndFloatsAreAccepted(String body) {
        assertThat(JsonBodies.parse(body.getBytes(UTF_8)).isContainerNode()).isTrue();
    }

    @Test
    void objectAndArrayRejectTheOtherShape() {
        JsonNode array = JsonBodies.parse("[]".getBytes(UTF_8));
        JsonNode object = JsonBodies.parse("{}".getBytes(UTF_8));

        assertInvalidBody(() -> JsonBodies.object(array), "Document type not supported.");
        assertInvalidBody(() -> JsonBodies.array(object), "Document type not supported.");
        assertInvalidBody(() -> JsonBodies.array(null), "Document type not supported.");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{\"ttl\":300}          | 300",
        "{\"ttl\":-5}           | -5",
        "{\"ttl\":true}         | 1",
        "{\"ttl\":false}        | 0",
        "{}                     | 42",
    })
    void intFieldReadsPythonInts(String document, long expected) {
        assertThat(JsonBodies.intField(json(document), "ttl", 42)).isEqualTo(expected);
    }

    @Test
    void missingRequiredIntFieldIsReported() {
        assertInvalidBody(() -> JsonBodies.intField(json("{}"), "ttl", null), "Missing \"ttl\" field.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"grace\":60.0}", "{\"grace\":\"60\"}", "{\"grace\":null}", "{\"grace\":[60]}",
        "{\"grace\":{}}"})
    void nonIntFieldMustBeAnInt(String document) {
        assertInvalidBody(() -> JsonBodies.intField(json(document), "grace", 60),
                "The value of the \"grace\" field must be a int.");
    }

    private static JsonNode json(String text) {
        return JsonBodies.parse(text.getBytes(UTF_8));
    }

    private static ApiRequest request(byte[] body, Integer contentLength) {
        return new ApiRequest(HttpMethod.POST, "/v2/queues/q/messages", ApiVersion.V2, Map.of("queue_name", "q"),
                QueryParams.empty(), new DefaultHttpHeaders(), body, contentLength);
    }

    private static void assertInvalidBody(ThrowingCallable call, String description) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status().code()).isEqualTo(400);
            assertThat(error.title()).isEqualTo("Invalid request body");
            assertThat(error.description()).isEqualTo(description);
        });
    }
}
