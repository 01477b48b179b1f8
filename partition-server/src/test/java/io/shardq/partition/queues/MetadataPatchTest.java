package io.shardq.partition.queues;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.JsonBodies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Texts from Zaqar's {@code validation.py} ({@code queue_patching} and the JSON pointer helpers). */
class MetadataPatchTest {

    private final ReservedMetadata reserved = new ReservedMetadata(LimitsConfig.defaults());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[1]                                          "
                + "| Operations must be JSON objects.",
        "[{\"path\":\"/metadata/k\",\"value\":1}]     "
                + "| Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.",
        "[{\"op\":null,\"path\":\"/metadata/k\"}]     "
                + "| Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, replace.",
        "[{\"op\":\"move\",\"path\":\"/metadata/k\"}] "
                + "| Invalid operation: `move`. It must be one of the following: add, remove, replace.",
        "[{\"op\":\"ADD\",\"path\":\"/metadata/k\"}]  "
                + "| Invalid operation: `ADD`. It must be one of the following: add, remove, replace.",
        "[{\"op\":\"add\",\"value\":1}]               "
                + "| Unable to find 'path' in JSON Schema change",
        "[{\"op\":\"add\",\"path\":\"metadata/k\"}]   "
                + "| Pointer `metadata/k` does not start with \"/\".",
        "[{\"op\":\"add\",\"path\":\"/metadata//k\"}] "
                + "| Pointer `/metadata//k` contains adjacent \"/\".",
        "[{\"op\":\"add\",\"path\":\"/metadata/ /k\"}]"
                + "| Pointer `/metadata/ /k` contains adjacent \"/\".",
        "[{\"op\":\"add\",\"path\":\"/metadata/k/\"}] "
                + "| Pointer `/metadata/k/` end with \"/\".",
        "[{\"op\":\"add\",\"path\":\"/ / \"}]         "
                + "| Pointer `/ / ` does not contains valid token.",
        "[{\"op\":\"add\",\"path\":\"/metadata/k~2\"}]"
                + "| Pointer `/metadata/k~2` contains \"~\" not part of a recognized escape sequence.",
        "[{\"op\":\"add\",\"path\":\"/metadata/k~\"}] "
                + "| Pointer `/metadata/k~` contains \"~\" not part of a recognized escape sequence.",
        "[{\"op\":\"add\",\"path\":\"/metadata\",\"value\":1}]  "
                + "| Invalid JSON pointer for this resource: '/metadata, e.g /metadata/key'",
        "[{\"op\":\"remove\",\"path\":\"/metadata/a/b\"}]       "
                + "| Invalid JSON pointer for this resource: '/metadata/a/b, e.g /metadata/key'",
        "[{\"op\":\"add\",\"path\":\"/\",\"value\":1}]          "
                + "| Invalid JSON pointer for this resource: '/, e.g /metadata/key'",
        "[{\"op\":\"add\",\"path\":\"/metadata/k\"}]            "
                + "| Operation \"add\" requires a member named \"value\".",
        "[{\"op\":\"replace\",\"path\":\"/metadata/k\"}]        "
                + "| Operation \"replace\" requires a member named \"value\".",
        "[{\"op\":\"add\",\"path\":\"/meta/k\",\"value\":1}]    "
                + "| The root of path must be metadata, e.g /metadata/key.",
        "[{\"op\":\"add\",\"path\":\"/metadata/k\",\"value\":1},{\"op\":\"drop\",\"path\":\"/metadata/k\"}] "
                + "| Invalid operation: `drop`. It must be one of the following: add, remove, replace.",
    })
    void invalidPatchIsRejectedWithZaqarsText(String document, String description) {
        assertThatThrownBy(() -> MetadataPatch.parse(array(document))).isInstanceOfSatisfying(HttpError.class, error -> {
            assertThat(error.status().code()).isEqualTo(400);
            assertThat(error.title()).isEqualTo("Invalid request body");
            assertThat(error.description()).isEqualTo(description);
        });
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "[{\"op\":\"add\",\"path\":\"/metadata/k\",\"value\":2}]                 | {\"k\":1}        | {\"k\":2}",
        "[{\"op\":\"add\",\"path\":\"/METADATA/new\",\"value\":[1]}]             | {}               | {\"new\":[1]}",
        "[{\"op\":\"replace\",\"path\":\"/metadata/k\",\"value\":null}]          | {\"k\":1}        | {\"k\":null}",
        "[{\"op\":\"remove\",\"path\":\"/metadata/k\"}]                          | {\"k\":1,\"j\":2} | {\"j\":2}",
        "[{\"op\":\"remove\",\"path\":\"/anything/k\"}]                          | {\"k\":1}        | {}",
        "[{\"op\":\"add\",\"path\":\"/metadata/a~1b~0c\",\"value\":1}]           | {}               | {\"a/b~c\":1}",
        "[{\"op\":\"add\",\"path\":\"//metadata/k\",\"value\":1}]                | {}               | {\"k\":1}",
        "[{\"op\":\"replace\",\"path\":\"/metadata/_default_message_ttl\",\"value\":120}] | {}        "
                + "| {\"_default_message_ttl\":120}",
        "[{\"op\":\"remove\",\"path\":\"/metadata/_max_claim_count\"}]           | {\"k\":1}        | {\"k\":1}",
        "[{\"op\":\"add\",\"path\":\"/metadata/k\",\"value\":1},{\"op\":\"replace\",\"path\":\"/metadata/k\",\"value\":3}] "
                + "| {} | {\"k\":3}",
    })
    void validPatchIsAppliedInOrder(String document, String before, String after) {
        ObjectNode metadata = (ObjectNode) JsonBodies.parse(before.getBytes(UTF_8));

        MetadataPatch.parse(array(document)).apply(metadata, reserved);

        assertThat(metadata).isEqualTo(JsonBodies.parse(after.getBytes(UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "replace | Can't replace non-existent object k.",
        "remove  | Can't remove non-existent object k.",
    })
    void replaceOrRemoveOfMissingKeyIsAConflict(String op, String description) {
        MetadataPatch patch = MetadataPatch.parse(array(
                "[{\"op\":\"" + op + "\",\"path\":\"/metadata/k\",\"value\":1}]"));

        assertThatThrownBy(() -> patch.apply((ObjectNode) JsonBodies.parse("{\"j\":1}".getBytes(UTF_8)), reserved))
                .isInstanceOfSatisfying(HttpError.class, error -> {
                    assertThat(error.status().code()).isEqualTo(409);
                    assertThat(error.title()).isEqualTo("Resource conflict");
                    assertThat(error.description()).isEqualTo(description);
                });
    }

    @Test
    void unreservedUnderscoreKeysAreNotExemptFromTheConflict() {
        MetadataPatch patch = MetadataPatch.parse(array(
                "[{\"op\":\"replace\",\"path\":\"/metadata/_flavor\",\"value\":\"gold\"}]"));

        assertThatThrownBy(() -> patch.apply((ObjectNode) JsonBodies.parse("{}".getBytes(UTF_8)), reserved))
                .isInstanceOfSatisfying(HttpError.class,
                        error -> assertThat(error.description()).isEqualTo("Can't replace non-existent object _flavor."));
    }

    private static ArrayNode array(String json) {
        return JsonBodies.array(JsonBodies.parse(json.getBytes(UTF_8)));
    }
}
