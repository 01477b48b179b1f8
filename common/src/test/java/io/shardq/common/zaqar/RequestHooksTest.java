package io.shardq.common.zaqar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestHooksTest {

    private static final String UUID = "3381af92-2b9e-11e3-b191-71861300734c";
    private static final String URLENCODED = "application/x-www-form-urlencoded";
    private static final String PATH = "/v2/queues/q";

    private final RequestHooks strict = new RequestHooks(RequestHooks.ClientIdPolicy.STRICT);

    /**
     * Each row breaks one or more hooks; the first failing hook in Zaqar's order wins. Values: '-' is an
     * absent header, {@code x*N} is N times x.
     */
    @ParameterizedTest(name = "[{index}] {6}: {7}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // content type | length | accept   | client-id  | project | queue        | status | title
        URLENCODED + "  | 10     | text/html | -          | -       | q            | 400 | Invalid Content-Type",
        "-              | -      | text/html | -          | -       | q            | 406 | Not Acceptable",
        "-              | -      | -         | -          | -       | q            | 400 | Missing header value",
        "-              | -      | -         | not-a-uuid | -       | q            | 400 | Wrong UUID value",
        "-              | -      | -         | ''         | -       | q            | 400 | Wrong UUID value",
        "-              | -      | -         | " + UUID + "| -       | q            | 400 | Project-Id Missing",
        "-              | -      | -         | " + UUID + "| ''      | q            | 400 | Empty project header not allowed",
        "-              | -      | -         | " + UUID + "| p1      | q*65         | 400 | Invalid queue identification",
        "-              | -      | -         | " + UUID + "| p1      | a!b          | 400 | Invalid queue identification",
        "-              | -      | -         | " + UUID + "| p1      | q%20x        | 400 | Invalid queue identification",
        "-              | -      | -         | " + UUID + "| p*257   | q            | 400 | Invalid queue identification",
    })
    void firstFailingHookInZaqarOrderAnswers(String contentType, Integer length, String accept, String clientId,
                                             String project, String queue, int status, String title) {
        HttpHeaders headers = headers(contentType, accept, clientId, expand(project));

        assertThatThrownBy(() -> strict.check(PATH, headers, length, ApiVersion.V2, Map.of("queue_name", expand(queue))))
                .isInstanceOfSatisfying(HttpError.class, error -> {
                    assertThat(error.status().code()).isEqualTo(status);
                    assertThat(error.title()).isEqualTo(title);
                    assertThat(error.description()).isEqualTo(DESCRIPTIONS.get(title));
                    assertThat(error.emptyBody()).isEqualTo(status == 406);
                });
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "Invalid Content-Type", "Endpoint does not accept `application/x-www-form-urlencoded` content; currently "
                    + "supported media type is `application/json`; specify proper client-side media type with the "
                    + "\"Content-Type\" header.",
            "Missing header value", "The \"Client-ID\" header is required.",
            "Wrong UUID value", "Malformed hexadecimal UUID.",
            "Project-Id Missing", "The header X-PROJECT-ID was missing",
            "Empty project header not allowed",
            "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry.",
            "Invalid queue identification", "The format of the submitted queue name or project id is not valid.");

    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        URLENCODED + " | -  | p1    | q",
        "application/json | 10 | p1 | q",
        "-             | -  | p1    | a.b-C_9",
        "-             | -  | p1    | q*64",
        "-             | -  | p*256 | q",
    })
    void validRequestPassesEveryHook(String contentType, Integer length, String project, String queue) {
        HttpHeaders headers = headers(contentType, "application/json", "{" + UUID + "}", expand(project));

        assertThatCode(() -> strict.check(PATH, headers, length, ApiVersion.V2, Map.of("queue_name", expand(queue))))
                .doesNotThrowAnyException();
    }

    @Test
    void queueNamesFollowZaqar() {
        assertThat(RequestHooks.isValidQueueName("a".repeat(64))).isTrue();
        assertThat(RequestHooks.isValidQueueName("a".repeat(65))).isFalse();
        assertThat(RequestHooks.isValidQueueName("")).isFalse();
        assertThat(RequestHooks.isValidQueueName("Az09_-.")).isTrue();
        assertThat(RequestHooks.isValidQueueName("é")).isFalse();
        assertThat(RequestHooks.isValidQueueName("a/b")).isFalse();
    }

    @Test
    void rootPathSkipsClientIdProjectAndQueueChecks() {
        assertThatCode(() -> strict.check("/", new DefaultHttpHeaders(), null, null, Map.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void routeWithoutQueueNameSkipsQueueIdentification() {
        HttpHeaders headers = headers(null, null, UUID, "p".repeat(300));

        assertThatCode(() -> strict.check("/v2/queues", headers, null, ApiVersion.V2, Map.of()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "''{0}'' with {1}..{2}")
    @CsvSource({"short, 10, 36", "x*37, 10, 36", "abc, 4, 8", "abcdefghi, 4, 8"})
    void clientIdLengthRuleWhenUuidCheckIsOff(String clientId, int min, int max) {
        RequestHooks off = new RequestHooks(new RequestHooks.ClientIdPolicy(false, min, max));
        HttpHeaders headers = headers(null, null, expand(clientId), "p1");

        assertThatThrownBy(() -> off.check(PATH, headers, null, ApiVersion.V2, Map.of("queue_name", "q")))
                .isInstanceOfSatisfying(HttpError.class, error -> {
                    assertThat(error.status().code()).isEqualTo(400);
                    assertThat(error.title()).isEqualTo(
                            "Length of client id must be at least " + min + " and no greater than " + max + ".");
                    assertThat(error.description()).isNull();
                });
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"my-client-1", "x*36", UUID})
    void anyClientIdOfAllowedLengthPassesWhenUuidCheckIsOff(String clientId) {
        RequestHooks off = new RequestHooks(new RequestHooks.ClientIdPolicy(false, 10, 36));
        HttpHeaders headers = headers(null, null, expand(clientId), "p1");

        assertThatCode(() -> off.check(PATH, headers, null, ApiVersion.V2, Map.of("queue_name", "q")))
                .doesNotThrowAnyException();
    }

    private static HttpHeaders headers(String contentType, String accept, String clientId, String project) {
        HttpHeaders headers = new DefaultHttpHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        if (accept != null) {
            headers.set("Accept", accept);
        }
        if (clientId != null) {
            headers.set("Client-ID", clientId);
        }
        if (project != null) {
            headers.set("X-Project-ID", project);
        }
        return headers;
    }

    /** {@code x*N} stands for N times {@code x}; anything else is itself. */
    private static String expand(String value) {
        if (value == null) {
            return null;
        }
        int star = value.lastIndexOf('*');
        return star < 0 ? value : value.substring(0, star).repeat(Integer.parseInt(value.substring(star + 1)));
    }
}
