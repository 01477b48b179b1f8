package io.shardq.partition.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.RawHttp;
import io.shardq.testing.ZaqarHttp.Response;
import io.shardq.testing.ZaqarHttp;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every error row of SPEC §1.4 that a partition can produce, over a real socket: status, title and
 * description exactly, {@code application/json} and {@code Vary: Accept}; plus the "Where we go further"
 * rules that show over HTTP (scoped ids, clean expired claims).
 */
class ErrorResponsesIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PROJECTS = new AtomicInteger();
    private static final String BAD_REQUEST_API = "Invalid API request";
    private static final String BAD_BODY = "Invalid request body";
    private static final String BAD_PARAM = "Invalid parameter";
    private static final String PAGE_LIMIT = "Limit must be at least 1 and may not be greater than 20.";
    private static final String IDS_LIMIT = "ids parameter should have at least 1 and not greater than 20 values.";
    private static final String POP_LIMIT = "Pop value must be at least 1 and may not be greater than 20.";
    private static final String MESSAGE_TTL =
            "The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.";
    private static final String CLAIM_TTL =
            "The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.";
    private static final String CLAIM_GRACE =
            "The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.";
    private static final String BAD_QUEUE_ID = "The format of the submitted queue name or project id is not valid.";
    private static final String PATCH_TYPE = "application/openstack-messaging-v2.0-json-patch";

    private String project;
    private ZaqarHttp client;

    @BeforeEach
    void freshProject() {
        project = "errors-" + PROJECTS.incrementAndGet();
        client = server.client(project);
    }

    // ---------------------------------------------------------------- headers and queue identification

    static Stream<Arguments> headerErrors() {
        String uuidNotAllowed = "Malformed hexadecimal UUID.";
        return Stream.of(
                Arguments.of("no Client-ID", header("Client-ID", null), "/v2/queues",
                        "Missing header value", "The \"Client-ID\" header is required."),
                Arguments.of("no Client-ID on the home document", header("Client-ID", null), "/v2/",
                        "Missing header value", "The \"Client-ID\" header is required."),
                Arguments.of("no Client-ID on ping", header("Client-ID", null), "/v2/ping",
                        "Missing header value", "The \"Client-ID\" header is required."),
                Arguments.of("no Client-ID on v1.1", header("Client-ID", null), "/v1.1/queues",
                        "Missing header value", "The \"Client-ID\" header is required."),
                Arguments.of("Client-ID not a UUID", header("Client-ID", "not-a-uuid"), "/v2/queues",
                        "Wrong UUID value", uuidNotAllowed),
                Arguments.of("Client-ID with 31 hex digits", header("Client-ID", "0123456789abcdef0123456789abcde"),
                        "/v2/queues", "Wrong UUID value", uuidNotAllowed),
                Arguments.of("Client-ID with a non-hex digit",
                        header("Client-ID", "g1234567-89ab-cdef-0123-456789abcdef"), "/v2/queues",
                        "Wrong UUID value", uuidNotAllowed),
                Arguments.of("Client-ID checked before the project",
                        (UnaryOperator<ZaqarHttp>) http -> http.clientId("nope").project(null), "/v2/queues",
                        "Wrong UUID value", uuidNotAllowed),
                Arguments.of("no X-Project-ID", header("X-Project-ID", null), "/v2/queues",
                        "Project-Id Missing", "The header X-PROJECT-ID was missing"),
                Arguments.of("no X-Project-ID on v1.1", header("X-Project-ID", null), "/v1.1/queues/q",
                        "Project-Id Missing", "The header X-PROJECT-ID was missing"),
                Arguments.of("empty X-Project-ID", header("X-Project-ID", ""), "/v2/queues",
                        "Empty project header not allowed",
                        "X-PROJECT-ID cannot be an empty string. Specify the right header X-PROJECT-ID and retry."),
                Arguments.of("project id of 257 characters", header("X-Project-ID", "p".repeat(257)),
                        "/v2/queues/q", "Invalid queue identification", BAD_QUEUE_ID),
                Arguments.of("queue name of 65 characters", UnaryOperator.<ZaqarHttp>identity(),
                        "/v2/queues/" + "q".repeat(65), "Invalid queue identification", BAD_QUEUE_ID),
                Arguments.of("queue name with '!'", UnaryOperator.<ZaqarHttp>identity(), "/v2/queues/bad!name",
                        "Invalid queue identification", BAD_QUEUE_ID),
                Arguments.of("queue name with an encoded space", UnaryOperator.<ZaqarHttp>identity(),
                        "/v2/queues/a%20b", "Invalid queue identification", BAD_QUEUE_ID),
                Arguments.of("queue name checked on message routes", UnaryOperator.<ZaqarHttp>identity(),
                        "/v2/queues/a~b/messages", "Invalid queue identification", BAD_QUEUE_ID),
                Arguments.of("queue name checked on claim routes", UnaryOperator.<ZaqarHttp>identity(),
                        "/v2/queues/a$b/claims/x", "Invalid queue identification", BAD_QUEUE_ID));
    }

    private static UnaryOperator<ZaqarHttp> header(String name, String value) {
        return http -> http.header(name, value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerErrors")
    void badHeadersAndQueueIdentificationAreRejectedBeforeTheHandler(String name, UnaryOperator<ZaqarHttp> change,
                                                                     String path, String title, String description) {
        assertZaqarError(change.apply(client).get(path), 400, title, description);
    }

    @Test
    void projectIdOfExactly256CharactersAndQueueNameOf64AreAccepted() {
        ZaqarHttp longProject = client.project("p".repeat(256));
        assertThat(longProject.put("/v2/queues/" + "q".repeat(64), null).status()).isEqualTo(201);
        assertThat(longProject.get("/v2/queues/" + "q".repeat(64) + "/stats").status()).isEqualTo(200);
    }

    @Test
    void urlencodedBodyIsRejectedWithInvalidContentType() {
        Response response = client.header("Content-Type", "application/x-www-form-urlencoded")
                .post("/v2/queues/q/messages", "{\"messages\":[{\"body\":1}]}");
        assertZaqarError(response, 400, "Invalid Content-Type", "Endpoint does not accept "
                + "`application/x-www-form-urlencoded` content; currently supported media type is "
                + "`application/json`; specify proper client-side media type with the \"Content-Type\" header.");
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isZero();
    }

    @Test
    void urlencodedContentTypeWithoutABodyIsNotRejected() {
        String answer = RawHttp.exchange(server.publicUrl(), "GET /v2/queues HTTP/1.1\r\nHost: localhost\r\n"
                + "Client-ID: " + client.clientId() + "\r\nX-Project-ID: " + project + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n", 2000);
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\n{\"queues\":[],\"links\":[]}");
    }

    @Test
    void acceptWithoutJsonGets406WithAnEmptyBody() {
        Response response = client.header("Accept", "text/plain").get("/v2/queues");
        assertThat(response.status()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void acceptCheckedBeforeClientId() {
        Response response = client.header("Accept", "text/html").header("Client-ID", null).get("/v2/queues");
        assertThat(response.status()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
    }

    // ---------------------------------------------------------------- Invalid API request (ValidationFailed)

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            GET    | /v2/queues/q/messages?limit=0                  |                                           | Limit must be at least 1 and may not be greater than 20.
            GET    | /v2/queues/q/messages?limit=21                 |                                           | Limit must be at least 1 and may not be greater than 20.
            GET    | /v2/queues/q/messages?limit=-1                 |                                           | Limit must be at least 1 and may not be greater than 20.
            GET    | /v2/queues/q/messages?limit=99999999999        |                                           | Limit must be at least 1 and may not be greater than 20.
            GET    | /v2/queues?limit=0                             |                                           | Limit must be at least 1 and no greater than 20.
            GET    | /v2/queues?limit=21                            |                                           | Limit must be at least 1 and no greater than 20.
            GET    | /v2/queues/q/messages?ids=,                    |                                           | Limit must be at least 1 and may not be greater than 20.
            GET    | /v2/queues/q/messages?ids=@21                  |                                           | Limit must be at least 1 and may not be greater than 20.
            DELETE | /v2/queues/q/messages?ids=,                    |                                           | ids parameter should have at least 1 and not greater than 20 values.
            DELETE | /v2/queues/q/messages?ids=@21                  |                                           | ids parameter should have at least 1 and not greater than 20 values.
            DELETE | /v2/queues/q/messages?pop=0                    |                                           | Pop value must be at least 1 and may not be greater than 20.
            DELETE | /v2/queues/q/messages?pop=-99999999999         |                                           | Pop value must be at least 1 and may not be greater than 20.
            DELETE | /v2/queues/q/messages?pop=21                   |                                           | Pop value must be at least 1 and may not be greater than 20.
            DELETE | /v2/queues/q/messages?pop=1&ids=a              |                                           | pop and id params cannot be present together in the delete request.
            DELETE | /v2/queues/q/messages                          |                                           | The request should have either "ids" or "pop" parameter in the request, to be able to delete.
            DELETE | /v2/queues/q/messages?ids=                     |                                           | The request should have either "ids" or "pop" parameter in the request, to be able to delete.
            POST   | /v2/queues/q/claims?limit=0                    |                                           | Limit must be at least 1 and may not be greater than 20.
            POST   | /v2/queues/q/claims?limit=21                   |                                           | Limit must be at least 1 and may not be greater than 20.
            POST   | /v2/queues/q/claims                            | {"ttl": 59}                               | The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/claims                            | {"ttl": 43201}                            | The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/claims                            | {"grace": 59}                             | The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/claims                            | {"grace": 43201}                          | The grace for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/claims?limit=21                   | {"ttl": 59}                               | The TTL for a claim may not exceed 43200 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/claims?limit=21                   | {"grace": 59}                             | Limit must be at least 1 and may not be greater than 20.
            POST   | /v2/queues/q/messages                          | {"messages": [{"ttl": 59, "body": 1}]}    | The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/messages                          | {"messages": [{"ttl": 1209601, "body": 1}]} | The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/messages                          | {"messages": [{"ttl": true, "body": 1}]}  | The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.
            POST   | /v2/queues/q/messages                          | [{"ttl": 300, "body": 1}]                 | No messages were found in the request body.
            POST   | /v2/queues/q/messages                          | {"message": [{"body": 1}]}                | No messages were found in the request body.
            POST   | /v2/queues/q/messages                          | {"messages": []}                          | No messages to enqueu.
            PUT    | /v2/queues/q                                   | {"_default_message_ttl": 30}              | _default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.
            PUT    | /v2/queues/q                                   | {"_default_message_ttl": "x"}             | _default_message_ttl must be integer.
            PUT    | /v2/queues/q                                   | {"_max_messages_post_size": 262145}       | _max_messages_post_size can not exceed 262144,  and must be at least greater than 0.
            PUT    | /v2/queues/q                                   | {"_default_message_delay": 901}           | The TTL can not exceed 900 seconds, and must be at least 0 seconds long.
            PUT    | /v2/queues/q                                   | {"_dead_letter_queue_messages_ttl": 59}   | The TTL for a message may not exceed 1209600 seconds, and must be at least 60 seconds long.
            PUT    | /v2/queues/q                                   | {"_max_claim_count": "3"}                 | _max_claim_count must be integer.
            POST   | /v2/queues/q/purge                             | {"resource_types": ["bogus"]}             | Resource types must be a sub set of {'messages', 'subscriptions'}.
            POST   | /v2/queues/q/purge                             | {"resource_types": ["messages", "queues"]} | Resource types must be a sub set of {'messages', 'subscriptions'}.
            """)
    void validationFailuresAreInvalidApiRequest(String method, String path, String body, String description) {
        Response response = client.send(method, expandIds(path), body);
        assertZaqarError(response, 400, BAD_REQUEST_API, description);
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isZero();
    }

    /** {@code ids=@N} stands for N distinct ids. */
    private static String expandIds(String path) {
        int at = path.indexOf("ids=@");
        if (at < 0) {
            return path;
        }
        int count = Integer.parseInt(path.substring(at + 5));
        String[] ids = new String[count];
        Arrays.setAll(ids, i -> "id" + i);
        return path.substring(0, at) + "ids=" + String.join(",", ids);
    }

    @ParameterizedTest(name = "delay {0}")
    @ValueSource(ints = {-1, 901})
    void delayOutOfRangeIsRejectedOnAQueueWithADefaultDelay(int delay) {
        assertThat(client.put("/v2/queues/delayed", "{\"_default_message_delay\": 5}").status()).isEqualTo(201);
        Response response = client.post("/v2/queues/delayed/messages",
                "{\"messages\": [{\"body\": 1, \"delay\": " + delay + "}]}");
        assertZaqarError(response, 400, BAD_REQUEST_API,
                "The Delay TTL for a message may not exceed 900 seconds,and must be at least 0 seconds long.");
    }

    @Test
    void delayOnAQueueWithoutDefaultDelayIsIgnored() {
        Response response = client.post("/v2/queues/plain/messages", "{\"messages\": [{\"body\": 1, \"delay\": 901}]}");
        assertThat(response.status()).isEqualTo(201);
    }

    @Test
    void postOverTheConfiguredSizeIsRejected() {
        String body = messagesOfLength(262_145);
        Response response = client.post("/v2/queues/q/messages", body);
        assertZaqarError(response, 400, BAD_REQUEST_API, "Message collection size is too large. Max size 262144");
        assertThat(client.post("/v2/queues/q/messages", messagesOfLength(262_144)).status()).isEqualTo(201);
    }

    @Test
    void postOverTheQueuesMaxPostSizeNamesBothLimits() {
        assertThat(client.put("/v2/queues/small", "{\"_max_messages_post_size\": 100}").status()).isEqualTo(201);
        Response response = client.post("/v2/queues/small/messages", messagesOfLength(101));
        assertZaqarError(response, 400, BAD_REQUEST_API, "Message collection size is too large. The max size for "
                + "current queue is 100. It is calculated by max size = min(max_messages_post_size_config: 262144, "
                + "max_messages_post_size_queue: 100).");
        assertThat(client.post("/v2/queues/small/messages", messagesOfLength(100)).status()).isEqualTo(201);
    }

    /** A valid message post of exactly {@code length} bytes (ASCII). */
    private static String messagesOfLength(int length) {
        String prefix = "{\"messages\": [{\"body\": \"";
        String suffix = "\"}]}";
        return prefix + "x".repeat(length - prefix.length() - suffix.length()) + suffix;
    }

    @Test
    void metadataTooLargeIsAnInvalidApiRequestOnPut() {
        String big = "{\"k\": \"" + "x".repeat(65_530) + "\"}";
        assertThat(big.length()).isGreaterThan(65_536);
        assertZaqarError(client.put("/v2/queues/q", big), 400, BAD_REQUEST_API,
                "Queue metadata is too large. Max size: 65536");
        assertThat(client.get("/v2/queues/q/stats").status()).isEqualTo(200);
        assertThat(client.get("/v2/queues").json().get("queues")).isEmpty();
    }

    @Test
    void metadataTooLargeIsAnInvalidRequestBodyOnPatch() {
        client.put("/v2/queues/q", null);
        String big = "[{\"op\": \"add\", \"path\": \"/metadata/k\", \"value\": \"" + "x".repeat(65_536) + "\"}]";
        assertZaqarError(client.patch("/v2/queues/q", big), 400, BAD_BODY,
                "Queue metadata is too large. Max size: 65536");
    }

    @Test
    void reservedMetadataOutOfRangeOnPatchIsAnInvalidRequestBody() {
        client.put("/v2/queues/q", null);
        Response response = client.patch("/v2/queues/q",
                "[{\"op\": \"add\", \"path\": \"/metadata/_default_message_ttl\", \"value\": 30}]");
        assertZaqarError(response, 400, BAD_BODY,
                "_default_message_ttl can not exceed 1209600 seconds, and must be at least 60 seconds long.");
        assertThat(client.get("/v2/queues/q").json().get("_default_message_ttl").asInt()).isEqualTo(3600);
    }

    // ---------------------------------------------------------------- Invalid request body

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            POST  | /v2/queues/q/messages  | {"messages": [                              | Request body could not be parsed.
            POST  | /v2/queues/q/messages  | "just a string"                             | Request body could not be parsed.
            POST  | /v2/queues/q/messages  | 42                                          | Request body could not be parsed.
            POST  | /v2/queues/q/messages  | {"messages": [{"body": 99999999999999999999}]} | JSON contains integer that is too large.
            POST  | /v2/queues/q/messages  | {"messages": [{"body": -9223372036854775809}]} | JSON contains integer that is too large.
            POST  | /v2/queues/q/messages  | {"messages": [{"ttl": 300}]}                | Missing "body" field.
            POST  | /v2/queues/q/messages  | {"messages": [{"ttl": "300", "body": 1}]}   | The value of the "ttl" field must be a int.
            POST  | /v2/queues/q/messages  | {"messages": [{"ttl": 300.5, "body": 1}]}   | The value of the "ttl" field must be a int.
            POST  | /v2/queues/q/messages  | {"messages": [{"ttl": null, "body": 1}]}    | The value of the "ttl" field must be a int.
            POST  | /v2/queues/q/messages  | {"messages": {"body": 1}}                   | Document type not supported.
            POST  | /v2/queues/q/messages  | {"messages": "body"}                        | Document type not supported.
            POST  | /v2/queues/q/messages  | {"messages": [1]}                           | Document type not supported.
            POST  | /v2/queues/q/claims    | [{"ttl": 60}]                               | Document type not supported.
            POST  | /v2/queues/q/claims    | {"ttl": "60"}                               | The value of the "ttl" field must be a int.
            POST  | /v2/queues/q/claims    | {"grace": 60.0}                             | The value of the "grace" field must be a int.
            POST  | /v2/queues/q/claims    | {"ttl":                                     | Request body could not be parsed.
            PUT   | /v2/queues/q           | ["a"]                                       | Document type not supported.
            PUT   | /v2/queues/q           | {"a": 1                                     | Request body could not be parsed.
            POST  | /v2/queues/q/purge     | {"resource_types": [                        | Request body could not be parsed.
            """)
    void unreadableBodiesAreInvalidRequestBody(String method, String path, String body, String description) {
        assertZaqarError(client.send(method, path, body), 400, BAD_BODY, description);
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isZero();
    }

    @Test
    void postWithoutAnyBodyIsRequestBodyCanNotBeEmpty() {
        String answer = RawHttp.exchange(server.publicUrl(), "POST /v2/queues/q/messages HTTP/1.1\r\n"
                + "Host: localhost\r\nClient-ID: " + client.clientId() + "\r\nX-Project-ID: " + project + "\r\n"
                + "Content-Type: application/json\r\nConnection: close\r\n\r\n", 2000);
        assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").containsIgnoringCase("vary: Accept")
                .containsIgnoringCase("content-type: application/json")
                .endsWith("\r\n\r\n{\"title\":\"Invalid request body\",\"description\":\"Request body can not be empty\"}");
    }

    @Test
    void claimPatchWithEmptyBodyCouldNotBeParsed() {
        post("q", 1);
        String claim = claimOne("q");
        Response response = client.send("PATCH", "/v2/queues/q/claims/" + claim, "");
        assertZaqarError(response, 400, BAD_BODY, "Request body could not be parsed.");
    }

    static Stream<Arguments> patchBodyErrors() {
        return Stream.of(
                Arguments.of("[{\"op\": \"move\", \"path\": \"/metadata/k\", \"value\": 1}]",
                        "Invalid operation: `move`. It must be one of the following: add, remove, replace."),
                Arguments.of("[{\"path\": \"/metadata/k\", \"value\": 1}]",
                        "Unable to find `op` in JSON Schema change. It must be one of the following: add, remove, "
                                + "replace."),
                Arguments.of("[{\"op\": \"add\", \"value\": 1}]", "Unable to find 'path' in JSON Schema change"),
                Arguments.of("[{\"op\": \"add\", \"path\": \"metadata/k\", \"value\": 1}]",
                        "Pointer `metadata/k` does not start with \"/\"."),
                Arguments.of("[{\"op\": \"add\", \"path\": \"/metadata//k\", \"value\": 1}]",
                        "Pointer `/metadata//k` contains adjacent \"/\"."),
                Arguments.of("[{\"op\": \"add\", \"path\": \"/metadata/k/\", \"value\": 1}]",
                        "Pointer `/metadata/k/` end with \"/\"."),
                Arguments.of("[{\"op\": \"add\", \"path\": \"/metadata/k~2\", \"value\": 1}]",
                        "Pointer `/metadata/k~2` contains \"~\" not part of a recognized escape sequence."),
                Arguments.of("[{\"op\": \"add\", \"path\": \"/metadata\", \"value\": 1}]",
                        "Invalid JSON pointer for this resource: '/metadata, e.g /metadata/key'"),
                Arguments.of("[{\"op\": \"add\", \"path\": \"/metadata/a/b\", \"value\": 1}]",
                        "Invalid JSON pointer for this resource: '/metadata/a/b, e.g /metadata/key'"),
                Arguments.of("[{\"op\": \"add\", \"path\": \"/other/k\", \"value\": 1}]",
                        "The root of path must be metadata, e.g /metadata/key."),
                Arguments.of("[{\"op\": \"replace\", \"path\": \"/metadata/k\"}]",
                        "Operation \"replace\" requires a member named \"value\"."),
                Arguments.of("[\"add\"]", "Operations must be JSON objects."),
                Arguments.of("{\"op\": \"add\"}", "Document type not supported."),
                Arguments.of("[{\"op\": \"add\",", "Request body could not be parsed."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patchBodyErrors")
    void badPatchDocumentsAreInvalidRequestBody(String body, String description) {
        client.put("/v2/queues/q", "{\"keep\": 1}");
        assertZaqarError(client.patch("/v2/queues/q", body), 400, BAD_BODY, description);
        assertThat(client.get("/v2/queues/q").json().get("keep").asInt()).isEqualTo(1);
    }

    @Test
    void emptyPatchBodyCouldNotBeEmpty() {
        client.put("/v2/queues/q", null);
        assertZaqarError(client.patch("/v2/queues/q", ""), 400, BAD_BODY, "PATCH body could not be empty for update.");
    }

    @Test
    void patchWithAnotherContentTypeIs415WithoutDescription() {
        client.put("/v2/queues/q", null);
        Response response = client.header("Content-Type", "application/json").send("PATCH", "/v2/queues/q",
                "[{\"op\": \"add\", \"path\": \"/metadata/k\", \"value\": 1}]");
        assertZaqarError(response, 415, "Accepted media type for PATCH: "
                + "{'Accept-Patch': 'application/openstack-messaging-v2.0-json-patch'}.", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            replace | Can't replace non-existent object k.
            remove  | Can't remove non-existent object k.
            """)
    void patchOfAMissingKeyIsAConflict(String op, String description) {
        client.put("/v2/queues/q", "{\"other\": 1}");
        String body = "[{\"op\": \"" + op + "\", \"path\": \"/metadata/k\", \"value\": 1}]";
        assertZaqarError(client.patch("/v2/queues/q", body), 409, "Resource conflict", description);
    }

    @Test
    void patchOfAMissingQueueIsNotFound() {
        Response response = client.patch("/v2/queues/ghost", "[{\"op\": \"add\", \"path\": \"/metadata/k\", \"value\": 1}]");
        assertZaqarError(response, 404, "Not found", "Queue ghost does not exist for project " + project);
    }

    // ---------------------------------------------------------------- Invalid parameter

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            /v2/queues?detailed=maybe                        | detailed
            /v2/queues?with_count=2                          | with_count
            /v2/queues/q/messages?echo=yes please            | echo
            /v2/queues/q/messages?include_claimed=TRUE!      | include_claimed
            /v2/queues/q/messages?include_delayed=nope       | include_delayed
            /v2/queues/q/messages?echo=TRUE                  | echo
            /v2/queues/q/messages?include_claimed=FALSE      | include_claimed
            """)
    void badBooleanQueryValuesAreInvalidParameter(String path, String name) {
        Response response = client.get(path.replace(" ", "%20"));
        assertZaqarError(response, 400, BAD_PARAM,
                "The \"" + name + "\" parameter is invalid. The value of the parameter must be \"true\" or \"false\".");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /v2/queues?limit=abc                 | limit
            GET    | /v2/queues/q/messages?limit=1.5      | limit
            GET    | /v2/queues/q/messages?limit=1e3      | limit
            DELETE | /v2/queues/q/messages?pop=x          | pop
            POST   | /v2/queues/q/claims?limit=ten        | limit
            """)
    void badIntegerQueryValuesAreInvalidParameter(String method, String path, String name) {
        Response response = client.send(method, path, null);
        assertZaqarError(response, 400, BAD_PARAM,
                "The \"" + name + "\" parameter is invalid. The value must be an integer.");
    }

    // ---------------------------------------------------------------- Unable to delete (SPEC §4.4)

    @Test
    void claimedMessageCannotBeDeletedWithoutItsClaimId() {
        String[] ids = post("q", 1);
        claimOne("q");
        assertZaqarError(client.delete("/v2/queues/q/messages/" + ids[0]), 403, "Unable to delete",
                "This message is claimed; it cannot be deleted without a valid claim ID.");
        assertThat(client.get("/v2/queues/q/messages/" + ids[0]).status()).isEqualTo(200);
    }

    @Test
    void claimIdOnAnUnclaimedMessageIsRejected() {
        String[] ids = post("q", 2);
        String claim = claimOne("q");
        assertZaqarError(client.delete("/v2/queues/q/messages/" + ids[1] + "?claim_id=" + claim), 400,
                "Unable to delete", "A claim was specified, but the message is not currently claimed.");
        assertThat(client.get("/v2/queues/q/messages/" + ids[1]).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "claim_id={0}")
    @ValueSource(strings = {"5f0e4b9e-0000-4000-8000-000000000000", "not-a-claim-id"})
    void unknownClaimIdOnAClaimedMessageIsRejected(String claimId) {
        String[] ids = post("q", 1);
        claimOne("q");
        assertZaqarError(client.delete("/v2/queues/q/messages/" + ids[0] + "?claim_id=" + claimId), 400,
                "Unable to delete", "The specified claim does not exist or has expired.");
        assertThat(client.get("/v2/queues/q/messages/" + ids[0]).status()).isEqualTo(200);
    }

    @Test
    void anotherActiveClaimIdIsForbidden() {
        String[] ids = post("q", 2);
        claimOne("q");
        String second = claimOne("q");
        assertZaqarError(client.delete("/v2/queues/q/messages/" + ids[0] + "?claim_id=" + second), 403,
                "Unable to delete", "This message is claimed; it cannot be deleted without a valid claim ID.");
        assertThat(client.get("/v2/queues/q/messages/" + ids[0]).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- Not found

    @Test
    void unknownMessageIdIsNotFoundWithStorageText() {
        post("q", 1);
        assertZaqarError(client.get("/v2/queues/q/messages/nope"), 404, "Not found",
                "Message nope does not exist in queue q for project " + project);
    }

    @Test
    void getByIdsWithNoneFoundListsTheIdsAsPython() {
        post("q", 1);
        assertZaqarError(client.get("/v2/queues/q/messages?ids=x"), 404, "Not found",
                "No messages with IDs: ['x'] found in the queue q for project " + project + ".");
        assertZaqarError(client.get("/v2/queues/q/messages?ids=x,y"), 404, "Not found",
                "No messages with IDs: ['x', 'y'] found in the queue q for project " + project + ".");
    }

    @Test
    void unknownClaimIsNotFoundForGetAndPatch() {
        post("q", 1);
        assertZaqarError(client.get("/v2/queues/q/claims/c0ffee"), 404, "Not found",
                "Claim c0ffee does not exist in queue q for project " + project);
        assertZaqarError(client.send("PATCH", "/v2/queues/q/claims/c0ffee", "{\"ttl\": 100}"), 404, "Not found",
                "Claim c0ffee does not exist in queue q for project " + project);
        assertThat(client.delete("/v2/queues/q/claims/c0ffee").status()).isEqualTo(204);
    }

    // ---------------------------------------------------------------- routing: 404, 405, 300

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v2", "/v1/", "/v1/queues", "/v1/queues/q/messages", "/v3/", "/v2/nothing",
            "/v2/queues/q/messages/id/extra", "/v1.1/queues/q/purge", "/favicon.ico"})
    void unknownOrDisabledPathsAre404NotFound(String path) {
        assertZaqarError(client.get(path), 404, "404 Not Found", null);
        assertZaqarError(client.header("Client-ID", null).header("X-Project-ID", null).get(path), 404,
                "404 Not Found", null);
    }

    @Test
    void headOnAQueueIs405WithAllow() {
        Response response = client.send("HEAD", "/v2/queues/x", null);
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).isEmpty();
        assertThat(allowed(response)).containsExactlyInAnyOrder("GET", "PUT", "PATCH", "DELETE");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PATCH  | /v1.1/queues/q              | DELETE,GET,PUT
            POST   | /v2/queues                  | GET
            PUT    | /v2/queues/q/messages       | DELETE,GET,POST
            POST   | /v2/queues/q/messages/m     | DELETE,GET
            PUT    | /v2/queues/q/claims/c       | DELETE,GET,PATCH
            GET    | /v2/queues/q/claims         | POST
            GET    | /v2/queues/q/purge          | POST
            DELETE | /v2/queues/q/stats          | GET
            POST   | /                           | GET
            """)
    void knownPathWithAnotherMethodIs405WithAllow(String method, String path, String allow) {
        Response response = client.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
        assertZaqarError(response, 405, "405 Method Not Allowed", null);
        assertThat(allowed(response)).containsExactlyInAnyOrder(allow.split(","));
    }

    private static List<String> allowed(Response response) {
        String allow = response.header("Allow");
        assertThat(allow).as("Allow header").isNotNull();
        return Arrays.stream(allow.split(",")).map(String::trim).toList();
    }

    @Test
    void rootIsTheVersionsDocumentWithoutHeaders() {
        Response response = ZaqarHttp.to(server.publicUrl()).header("Client-ID", null).get("/");
        assertThat(response.status()).isEqualTo(300);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        JsonNode versions = response.json().get("versions");
        assertThat(versions).hasSize(3);
        assertThat(versions.findValuesAsText("id")).containsExactly("1", "1.1", "2");
        assertThat(versions.findValuesAsText("status")).containsExactly("DEPRECATED", "DEPRECATED", "CURRENT");
        assertThat(versions.get(2).at("/links/0/href").asText()).isEqualTo("/v2/");
        assertThat(versions.get(2).at("/links/0/rel").asText()).isEqualTo("self");
        assertThat(versions.get(2).at("/media-types/0/type").asText())
                .isEqualTo("application/vnd.openstack.messaging-v2+json");
    }

    // ---------------------------------------------------------------- Where we go further: scoped ids, expired claims

    @Test
    void messageIdIsScopedToItsQueue() {
        String[] ids = post("a", 1);
        post("b", 1);
        assertZaqarError(client.get("/v2/queues/b/messages/" + ids[0]), 404, "Not found",
                "Message " + ids[0] + " does not exist in queue b for project " + project);
        assertThat(client.get("/v2/queues/b/messages?ids=" + ids[0]).status()).isEqualTo(404);
        assertThat(client.delete("/v2/queues/b/messages/" + ids[0]).status()).isEqualTo(204);
        assertThat(client.delete("/v2/queues/b/messages?ids=" + ids[0]).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/a/messages/" + ids[0]).json().get("id").asText()).isEqualTo(ids[0]);
    }

    @Test
    void messageIdIsScopedToItsProject() {
        String[] ids = post("a", 1);
        ZaqarHttp other = server.client(project + "-other");
        other.put("/v2/queues/a", null);
        assertZaqarError(other.get("/v2/queues/a/messages/" + ids[0]), 404, "Not found",
                "Message " + ids[0] + " does not exist in queue a for project " + project + "-other");
        assertThat(other.delete("/v2/queues/a/messages/" + ids[0]).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/a/messages/" + ids[0]).status()).isEqualTo(200);
    }

    @Test
    void claimIdIsScopedToItsQueueAndProject() {
        post("a", 1);
        post("b", 1);
        String claim = claimOne("a");
        ZaqarHttp other = server.client(project + "-other");
        for (var attempt : List.of(new Object[] {client, "b", project}, new Object[] {other, "a", project + "-other"})) {
            ZaqarHttp http = (ZaqarHttp) attempt[0];
            String where = "queue " + attempt[1] + " for project " + attempt[2];
            String path = "/v2/queues/" + attempt[1] + "/claims/" + claim;
            assertZaqarError(http.get(path), 404, "Not found", "Claim " + claim + " does not exist in " + where);
            assertZaqarError(http.send("PATCH", path, "{\"ttl\": 100}"), 404, "Not found",
                    "Claim " + claim + " does not exist in " + where);
            assertThat(http.delete(path).status()).isEqualTo(204);
        }
        Response still = client.get("/v2/queues/a/claims/" + claim);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.json().get("ttl").asInt()).isEqualTo(300);
        assertThat(still.json().get("messages")).hasSize(1);
    }

    @Test
    void expiredClaimIsNotFoundForGetAndPatchAndDeletesCleanly() {
        post("q", 2);
        String claim = claimWith("q", "{\"ttl\": 60, \"grace\": 60}", 2);
        server.clock().advanceSeconds(61);
        String missing = "Claim " + claim + " does not exist in queue q for project " + project;
        assertZaqarError(client.get("/v2/queues/q/claims/" + claim), 404, "Not found", missing);
        assertZaqarError(client.send("PATCH", "/v2/queues/q/claims/" + claim, "{\"ttl\": 100}"), 404, "Not found",
                missing);
        Response stats = client.get("/v2/queues/q/stats");
        assertThat(stats.status()).isEqualTo(200);
        assertThat(stats.json().get("messages").get("claimed").asInt()).isZero();
        assertThat(stats.json().get("messages").get("free").asInt()).isEqualTo(2);
        assertThat(client.delete("/v2/queues/q/claims/" + claim).status()).isEqualTo(204);
        assertThat(client.delete("/v2/queues/q/claims/" + claim).status()).isEqualTo(204);
        assertThat(client.get("/v2/queues/q/stats").json().at("/messages/total").asInt()).isEqualTo(2);
    }

    @Test
    void releasedClaimIsNotFound() {
        post("q", 1);
        String claim = claimOne("q");
        assertThat(client.delete("/v2/queues/q/claims/" + claim).status()).isEqualTo(204);
        assertZaqarError(client.get("/v2/queues/q/claims/" + claim), 404, "Not found",
                "Claim " + claim + " does not exist in queue q for project " + project);
    }

    // ---------------------------------------------------------------- helpers

    private String[] post(String queue, int count) {
        StringBuilder body = new StringBuilder("{\"messages\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"body\": {\"n\": ").append(i).append("}}");
        }
        Response response = client.post("/v2/queues/" + queue + "/messages", body.append("]}").toString());
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            String href = response.json().get("resources").get(i).asText();
            ids[i] = href.substring(href.lastIndexOf('/') + 1);
        }
        return ids;
    }

    private String claimOne(String queue) {
        return claimWith(queue, "{}", 1);
    }

    private String claimWith(String queue, String body, int limit) {
        Response response = client.post("/v2/queues/" + queue + "/claims?limit=" + limit, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String location = response.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    static void assertZaqarError(Response response, int status, String title, String description) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content-type of " + response).isEqualTo("application/json");
        assertThat(response.header("Vary")).as("vary of " + response).isEqualTo("Accept");
        ObjectNode expected = JSON.createObjectNode().put("title", title);
        if (description != null) {
            expected.put("description", description);
        }
        assertThat(response.json()).as(response.toString()).isEqualTo(expected);
    }
}
