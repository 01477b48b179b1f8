package io.shardq.partition.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp.Response;
import io.shardq.testing.ZaqarHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table of malformed requests, each sent as raw bytes over a real socket: every one gets a 4xx with a
 * Zaqar-shaped body ({@code {"title": ...}}; 406 has none), connection-level rejections close the
 * connection, and none of them changes a fixture queue (messages, claim, metadata, stats) or stops the
 * server from serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedInputIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECT = "fixture-project";
    private static final String CLIENT_ID = "3f2b4e9a-6c1d-4a7b-9e0f-1a2b3c4d5e6f";
    private static final String FIXTURE = "/v2/queues/fixture";
    private static final String MESSAGES = FIXTURE + "/messages";
    private static final String CLAIMS = FIXTURE + "/claims";
    private static final String DELAYED = "/v2/queues/delayed/messages";
    private static final int MAX_POST = 262_144;
    private static final int MAX_REQUEST = 1 << 20;

    private static final String BODY = "Invalid request body";
    private static final String API = "Invalid API request";
    private static final String PARAM = "Invalid parameter";
    private static final String QUEUE_ID = "Invalid queue identification";
    private static final String NOT_ALLOWED = "405 Method Not Allowed";
    private static final String MALFORMED = "Malformed request";

    private static ZaqarHttp fixtureClient;
    private static List<String> messageIds;
    private static String claimId;
    private static JsonNode before;

    @BeforeAll
    static void createFixture() {
        fixtureClient = server.client(PROJECT).clientId(CLIENT_ID);
        assertThat(fixtureClient.put(FIXTURE, "{\"color\": \"blue\", \"_default_message_ttl\": 600}").status())
                .isEqualTo(201);
        assertThat(fixtureClient.put("/v2/queues/delayed", "{\"_default_message_delay\": 10}").status())
                .isEqualTo(201);
        Response posted = fixtureClient.post(MESSAGES, "{\"messages\": [{\"body\": {\"n\": 1}}, "
                + "{\"body\": \"two\", \"ttl\": 900}, {\"body\": [3, 3, 3]}, {\"body\": null}, {\"body\": 5.5}]}");
        assertThat(posted.status()).isEqualTo(201);
        messageIds = new ArrayList<>();
        posted.json().get("resources").forEach(href -> messageIds.add(href.asText().substring(MESSAGES.length() + 1)));
        assertThat(messageIds).hasSize(5);
        Response claimed = fixtureClient.post(CLAIMS + "?limit=2", "{\"ttl\": 300, \"grace\": 60}");
        assertThat(claimed.status()).isEqualTo(201);
        claimId = claimed.header("Location").substring(CLAIMS.length() + 1);
        before = snapshot();
        assertThat(before.at("/listing/messages")).hasSize(5);
        assertThat(before.at("/stats/messages/claimed").asInt()).isEqualTo(2);
        assertThat(before.at("/stats/messages/free").asInt()).isEqualTo(3);
        assertThat(before.at("/claim/messages")).hasSize(2);
        assertThat(before.at("/metadata/color").asText()).isEqualTo("blue");
    }

    /** Everything a malformed request could have changed, as one JSON document. */
    private static JsonNode snapshot() {
        ObjectNode state = JSON.createObjectNode();
        state.set("listing", okJson(fixtureClient.get(MESSAGES + "?include_claimed=true&echo=true&limit=20")));
        state.set("stats", okJson(fixtureClient.get(FIXTURE + "/stats")));
        state.set("claim", okJson(fixtureClient.get(CLAIMS + "/" + claimId)));
        state.set("metadata", okJson(fixtureClient.get(FIXTURE)));
        state.set("queues", okJson(fixtureClient.get("/v2/queues?detailed=true&limit=20")));
        state.set("delayed", okJson(fixtureClient.get("/v2/queues/delayed/stats")));
        return state;
    }

    private static JsonNode okJson(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    // ---------------------------------------------------------------- the table

    static Stream<Case> malformedInputs() {
        List<Case> cases = new ArrayList<>();
        // bad JSON
        cases.add(bad("truncated JSON", post(MESSAGES, "{\"messages\": [{\"body\": 1}"), 400, BODY));
        cases.add(bad("trailing garbage", post(MESSAGES, "{\"messages\": [{\"body\": 1}]} xyz"), 400, BODY));
        cases.add(bad("two documents", post(MESSAGES, "{\"messages\": [{\"body\": 1}]}{}"), 400, BODY));
        cases.add(bad("NaN", post(MESSAGES, "{\"messages\": [{\"body\": NaN}]}"), 400, BODY));
        cases.add(bad("Infinity", post(MESSAGES, "{\"messages\": [{\"body\": -Infinity}]}"), 400, BODY));
        cases.add(bad("block comment", post(MESSAGES, "{\"messages\": /* c */ [{\"body\": 1}]}"), 400, BODY));
        cases.add(bad("line comment", post(MESSAGES, "// c\n{\"messages\": [{\"body\": 1}]}"), 400, BODY));
        cases.add(bad("UTF-8 byte order mark", post(MESSAGES, bytes("\uFEFF{\"messages\": [{\"body\": 1}]}")),
                400, BODY));
        cases.add(bad("UTF-16 body", post(MESSAGES, "{\"messages\": [{\"body\": 1}]}".getBytes(
                StandardCharsets.UTF_16LE)), 400, BODY));
        cases.add(bad("10k nested arrays", post(MESSAGES, "{\"messages\": [{\"body\": " + "[".repeat(10_000)
                + "]".repeat(10_000) + "}]}"), 400, BODY));
        cases.add(bad("single-quoted strings", post(MESSAGES, "{'messages': [{'body': 1}]}"), 400, BODY));
        cases.add(bad("unquoted keys", post(MESSAGES, "{messages: [{body: 1}]}"), 400, BODY));
        cases.add(bad("trailing comma", post(MESSAGES, "{\"messages\": [{\"body\": 1},]}"), 400, BODY));
        cases.add(bad("leading zero", post(MESSAGES, "{\"messages\": [{\"body\": 01}]}"), 400, BODY));
        cases.add(bad("raw newline in a string", post(MESSAGES, "{\"messages\": [{\"body\": \"a\nb\"}]}"), 400, BODY));
        cases.add(bad("invalid UTF-8", post(MESSAGES, concat(bytes("{\"messages\": [{\"body\": \""),
                new byte[] {(byte) 0xC3, (byte) 0x28}, bytes("\"}]}"))), 400, BODY));
        cases.add(bad("scalar top level", post(MESSAGES, "true"), 400, BODY));
        cases.add(bad("null top level", post(MESSAGES, "null"), 400, BODY));
        cases.add(bad("whitespace only", post(MESSAGES, "   "), 400, BODY));
        cases.add(bad("integer beyond int64", post(MESSAGES, "{\"messages\": [{\"body\": 9223372036854775808}]}"),
                400, BODY));
        // wrong types in message posts
        cases.add(bad("ttl as string", post(MESSAGES, "{\"messages\": [{\"ttl\": \"300\", \"body\": 1}]}"), 400, BODY));
        cases.add(bad("ttl as float", post(MESSAGES, "{\"messages\": [{\"ttl\": 300.0, \"body\": 1}]}"), 400, BODY));
        cases.add(bad("ttl as object", post(MESSAGES, "{\"messages\": [{\"ttl\": {}, \"body\": 1}]}"), 400, BODY));
        cases.add(bad("ttl as null", post(MESSAGES, "{\"messages\": [{\"ttl\": null, \"body\": 1}]}"), 400, BODY));
        cases.add(bad("ttl as array", post(MESSAGES, "{\"messages\": [{\"ttl\": [300], \"body\": 1}]}"), 400, BODY));
        cases.add(bad("body missing", post(MESSAGES, "{\"messages\": [{\"ttl\": 300}]}"), 400, BODY));
        cases.add(bad("body missing in the last message",
                post(MESSAGES, "{\"messages\": [{\"body\": 1}, {\"bdy\": 2}]}"), 400, BODY));
        cases.add(bad("messages as object", post(MESSAGES, "{\"messages\": {\"body\": 1}}"), 400, BODY));
        cases.add(bad("messages as number", post(MESSAGES, "{\"messages\": 7}"), 400, BODY));
        cases.add(bad("messages as string", post(MESSAGES, "{\"messages\": \"[]\"}"), 400, BODY));
        cases.add(bad("messages as null", post(MESSAGES, "{\"messages\": null}"), 400, BODY));
        cases.add(bad("message element as number", post(MESSAGES, "{\"messages\": [1]}"), 400, BODY));
        cases.add(bad("message element as string", post(MESSAGES, "{\"messages\": [\"m\"]}"), 400, BODY));
        cases.add(bad("message element as null", post(MESSAGES, "{\"messages\": [null]}"), 400, BODY));
        cases.add(bad("bare array of messages", post(MESSAGES, "[{\"body\": 1}]"), 400, API));
        cases.add(bad("no messages key", post(MESSAGES, "{}"), 400, API));
        cases.add(bad("empty messages", post(MESSAGES, "{\"messages\": []}"), 400, API));
        // wrong types in claims
        cases.add(bad("claim ttl as string", post(CLAIMS, "{\"ttl\": \"300\"}"), 400, BODY));
        cases.add(bad("claim ttl as float", post(CLAIMS, "{\"ttl\": 300.5}"), 400, BODY));
        cases.add(bad("claim grace as string", post(CLAIMS, "{\"grace\": \"60\"}"), 400, BODY));
        cases.add(bad("claim body as array", post(CLAIMS, "[{\"ttl\": 300}]"), 400, BODY));
        cases.add(bad("claim body as string", post(CLAIMS, "\"ttl\""), 400, BODY));
        cases.add(bad("claim renewal ttl as string", req("PATCH", CLAIMS + "/" + "CLAIM").body("{\"ttl\": \"x\"}"),
                400, BODY));
        cases.add(bad("queue metadata as array", req("PUT", FIXTURE).body("[1, 2]"), 400, BODY));
        cases.add(bad("purge types as string", post(FIXTURE + "/purge", "{\"resource_types\": \"messages\"}"),
                400, API));
        cases.add(bad("purge without types", post(FIXTURE + "/purge", "{\"types\": [\"messages\"]}"), 400, API));
        // out of range
        cases.add(bad("message ttl 59", post(MESSAGES, "{\"messages\": [{\"ttl\": 59, \"body\": 1}]}"), 400, API));
        cases.add(bad("message ttl 1209601", post(MESSAGES, "{\"messages\": [{\"ttl\": 1209601, \"body\": 1}]}"),
                400, API));
        cases.add(bad("message ttl negative", post(MESSAGES, "{\"messages\": [{\"ttl\": -60, \"body\": 1}]}"),
                400, API));
        cases.add(bad("one bad ttl in a batch", post(MESSAGES,
                "{\"messages\": [{\"body\": 1}, {\"body\": 2, \"ttl\": 10}]}"), 400, API));
        cases.add(bad("delay 901", post(DELAYED, "{\"messages\": [{\"body\": 1, \"delay\": 901}]}"), 400, API));
        cases.add(bad("delay negative", post(DELAYED, "{\"messages\": [{\"body\": 1, \"delay\": -1}]}"), 400, API));
        cases.add(bad("delay as string", post(DELAYED, "{\"messages\": [{\"body\": 1, \"delay\": \"5\"}]}"), 400, BODY));
        cases.add(bad("claim ttl 43201", post(CLAIMS, "{\"ttl\": 43201}"), 400, API));
        cases.add(bad("claim grace 0", post(CLAIMS, "{\"grace\": 0}"), 400, API));
        cases.add(bad("claim renewal ttl 59", req("PATCH", CLAIMS + "/CLAIM").body("{\"ttl\": 59}"), 400, API));
        cases.add(bad("claim limit 21", post(CLAIMS + "?limit=21", "{}"), 400, API));
        cases.add(bad("claim limit 0", post(CLAIMS + "?limit=0", "{}"), 400, API));
        cases.add(bad("pop 0", req("DELETE", MESSAGES + "?pop=0"), 400, API));
        cases.add(bad("pop 21", req("DELETE", MESSAGES + "?pop=21"), 400, API));
        cases.add(bad("pop with ids", req("DELETE", MESSAGES + "?pop=1&ids=ID0"), 400, API));
        cases.add(bad("21 ids to delete", req("DELETE", MESSAGES + "?ids=ID0,ID1,ID2,ID3,ID4" + ",x".repeat(16)),
                400, API));
        cases.add(bad("no ids left after blanks", req("DELETE", MESSAGES + "?ids=,,"), 400, API));
        cases.add(bad("delete without ids or pop", req("DELETE", MESSAGES), 400, API));
        cases.add(bad("21 ids to get", req("GET", MESSAGES + "?ids=" + "x,".repeat(20) + "x"), 400, API));
        cases.add(bad("list limit 21", req("GET", MESSAGES + "?limit=21"), 400, API));
        cases.add(bad("list limit -1", req("GET", MESSAGES + "?limit=-1"), 400, API));
        cases.add(bad("queue list limit 0", req("GET", "/v2/queues?limit=0"), 400, API));
        cases.add(bad("reserved ttl 30 on put", req("PUT", FIXTURE).body("{\"_default_message_ttl\": 30}"), 400, API));
        cases.add(bad("reserved ttl 30 on patch", patch("[{\"op\": \"replace\", \"path\": "
                + "\"/metadata/_default_message_ttl\", \"value\": 30}]"), 400, BODY));
        // bad query values
        cases.add(bad("limit abc", req("GET", MESSAGES + "?limit=abc"), 400, PARAM));
        cases.add(bad("limit 1e3", req("GET", MESSAGES + "?limit=1e3"), 400, PARAM));
        cases.add(bad("limit 2.0", req("GET", "/v2/queues?limit=2.0"), 400, PARAM));
        cases.add(bad("pop abc", req("DELETE", MESSAGES + "?pop=abc"), 400, PARAM));
        cases.add(bad("claim limit abc", post(CLAIMS + "?limit=abc", "{}"), 400, PARAM));
        cases.add(bad("echo maybe", req("GET", MESSAGES + "?echo=maybe"), 400, PARAM));
        cases.add(bad("include_claimed 2", req("GET", MESSAGES + "?include_claimed=2"), 400, PARAM));
        cases.add(bad("detailed x", req("GET", "/v2/queues?detailed=x"), 400, PARAM));
        cases.add(bad("marker not a marker", req("GET", MESSAGES + "?marker=abc"), 400, PARAM));
        cases.add(bad("invalid percent-encoding in the query", req("GET", MESSAGES + "?limit=%zz"), 400, PARAM));
        cases.add(bad("truncated percent-encoding in the query", req("GET", MESSAGES + "?echo=%"), 400, PARAM));
        cases.add(bad("invalid percent-encoding in a message id", req("GET", MESSAGES + "/%zz"), 404, "Not found"));
        cases.add(bad("invalid percent-encoding in a claim id", req("PATCH", CLAIMS + "/%2").body("{}"), 404,
                "Not found"));
        // oversized
        cases.add(bad("post one byte over 262144", post(MESSAGES, messagesOfLength(MAX_POST + 1)), 400, API));
        cases.add(bad("post over the 1 MiB request limit",
                req("POST", MESSAGES).header("Content-Type", "application/json")
                        .header("Content-Length", Integer.toString(MAX_REQUEST + 1)).keepAlive(),
                413, "Request body too large").closing());
        cases.add(bad("metadata over 65536 on put", req("PUT", FIXTURE).body("{\"k\": \"" + "x".repeat(65_536) + "\"}"),
                400, API));
        cases.add(bad("metadata over 65536 on patch", patch("[{\"op\": \"add\", \"path\": \"/metadata/k\", "
                + "\"value\": \"" + "x".repeat(65_536) + "\"}]"), 400, BODY));
        // bad queue names
        cases.add(bad("queue name of 65 characters", req("PUT", "/v2/queues/" + "q".repeat(65)), 400, QUEUE_ID));
        cases.add(bad("queue name with a space", post("/v2/queues/a%20b/messages", "{\"messages\": [{\"body\": 1}]}"),
                400, QUEUE_ID));
        cases.add(bad("queue name with an accent", req("PUT", "/v2/queues/caf%C3%A9"), 400, QUEUE_ID));
        cases.add(bad("queue name with an encoded slash", req("GET", "/v2/queues/a%2Fb/stats"), 400, QUEUE_ID));
        cases.add(bad("queue name with invalid percent-encoding", req("PUT", "/v2/queues/%zz"), 400, QUEUE_ID));
        cases.add(bad("queue name *", req("DELETE", "/v2/queues/*"), 400, QUEUE_ID));
        // bad or missing headers
        cases.add(bad("Client-ID garbage", req("GET", MESSAGES).header("Client-ID", "garbage"), 400, "Wrong UUID value"));
        cases.add(bad("Client-ID empty", req("GET", MESSAGES).header("Client-ID", ""), 400, "Wrong UUID value"));
        cases.add(bad("Client-ID too long", req("GET", MESSAGES).header("Client-ID", CLIENT_ID + "0"), 400,
                "Wrong UUID value"));
        cases.add(bad("Client-ID missing", req("DELETE", FIXTURE).header("Client-ID", null), 400,
                "Missing header value"));
        cases.add(bad("X-Project-ID empty", req("DELETE", FIXTURE).header("X-Project-ID", ""), 400,
                "Empty project header not allowed"));
        cases.add(bad("X-Project-ID missing", req("DELETE", FIXTURE).header("X-Project-ID", null), 400,
                "Project-Id Missing"));
        cases.add(bad("X-Project-ID of 257 characters", req("DELETE", "/v2/queues/fixture")
                .header("X-Project-ID", "p".repeat(257)), 400, QUEUE_ID));
        cases.add(bad("urlencoded body", post(MESSAGES, "messages=1")
                .header("Content-Type", "application/x-www-form-urlencoded"), 400, "Invalid Content-Type"));
        cases.add(bad("Accept text/plain", req("GET", MESSAGES).header("Accept", "text/plain"), 406, null));
        cases.add(bad("patch as application/json", patch("[{\"op\": \"remove\", \"path\": \"/metadata/color\"}]")
                .header("Content-Type", "application/json"), 415,
                "Accepted media type for PATCH: {'Accept-Patch': 'application/openstack-messaging-v2.0-json-patch'}."));
        cases.add(bad("patch with no body", patch((String) null).header("Content-Length", "0"), 400, BODY));
        cases.add(bad("patch removing a missing key", patch("[{\"op\": \"remove\", \"path\": \"/metadata/nope\"}]"),
                409, "Resource conflict"));
        // unsupported methods and unknown paths
        cases.add(bad("TRACE", req("TRACE", FIXTURE), 405, NOT_ALLOWED));
        cases.add(bad("custom method", req("FROB", MESSAGES), 405, NOT_ALLOWED));
        cases.add(bad("lower-case method", req("get", MESSAGES), 405, NOT_ALLOWED));
        cases.add(bad("HEAD on messages", req("HEAD", MESSAGES), 405, null));
        cases.add(bad("POST on a message", post(MESSAGES + "/ID0", "{}"), 405, NOT_ALLOWED));
        cases.add(bad("PUT on stats", req("PUT", FIXTURE + "/stats").body("{}"), 405, NOT_ALLOWED));
        cases.add(bad("v1 disabled", post("/v1/queues/fixture/messages", "[{\"ttl\": 300, \"body\": 1}]"), 404,
                "404 Not Found"));
        cases.add(bad("path traversal", req("DELETE", "/v2/queues/fixture/../fixture"), 404, "404 Not Found"));
        // connection-level rejections
        cases.add(bad("header block over 16 KiB", req("GET", MESSAGES).header("X-Padding", "a".repeat(17 * 1024))
                .keepAlive(), 431, "Request header too large").closing());
        cases.add(bad("request line over 8 KiB", req("GET", MESSAGES + "?marker=" + "1".repeat(9 * 1024)).keepAlive(),
                431, "Request header too large").closing());
        cases.add(bad("garbage request line", raw("HELLO\r\n\r\n"), 400, MALFORMED).closing());
        cases.add(bad("request line without version", raw("GET /v2/queues\r\n\r\n"), 400, MALFORMED).closing());
        cases.add(bad("Content-Length not a number", raw("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: ten\r\n\r\n"), 400, MALFORMED).closing());
        cases.add(bad("two Content-Length values", raw("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), 400, MALFORMED).closing());
        cases.add(bad("chunk size not hex", raw("POST " + MESSAGES + " HTTP/1.1\r\nHost: x\r\nClient-ID: "
                + CLIENT_ID + "\r\nX-Project-ID: " + PROJECT + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"),
                400, MALFORMED).closing());
        return cases.stream();
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedInputs")
    void malformedInputGetsAZaqarShaped4xxAndChangesNothing(Case input) {
        Answer answer = exchange(input.request().encode());
        assertThat(answer.status()).as(input.name() + ": " + answer).isEqualTo(input.status());
        if (input.title() == null) {
            assertThat(answer.body()).as(input.name()).isEmpty();
        } else {
            assertThat(answer.header("content-type")).as(input.name()).isEqualTo("application/json");
            JsonNode body = answer.json();
            assertThat(body.path("title").asText(null)).as(input.name() + ": " + answer).isEqualTo(input.title());
            Set<String> fields = new HashSet<>();
            body.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as(input.name()).isSubsetOf("title", "description");
            if (fields.contains("description")) {
                assertThat(body.get("description").isTextual()).isTrue();
            }
        }
        if (input.closes()) {
            assertThat(answer.closed()).as(input.name() + " closes the connection").isTrue();
        }
        assertThat(okJson(fixtureClient.get(FIXTURE + "/stats"))).as("stats after " + input.name())
                .isEqualTo(before.get("stats"));
    }

    @Order(2)
    @Test
    void tableHasAtLeastSixtyDistinctInputs() {
        List<Case> cases = malformedInputs().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases.stream().map(Case::name).distinct().count()).isEqualTo(cases.size());
        assertThat(cases.stream().map(c -> new String(c.request().encode(), StandardCharsets.ISO_8859_1)).distinct()
                .count()).isEqualTo(cases.size());
    }

    @Order(3)
    @Test
    void fixtureIsUnchangedAfterTheWholeTable() {
        assertThat(snapshot()).isEqualTo(before);
        assertThat(fixtureClient.get("/v2/ping").status()).isEqualTo(204);
    }

    @Order(4)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a.b", "...", "-_.", "v1.1", "Q-9_z"})
    void queueNamesWithDotsAndDashesAreAccepted(String name) {
        ZaqarHttp other = server.client("names-project");
        assertThat(other.put("/v2/queues/" + name, null).status()).isEqualTo(201);
        Response posted = other.post("/v2/queues/" + name + "/messages", "{\"messages\": [{\"body\": 1}]}");
        assertThat(posted.status()).isEqualTo(201);
        assertThat(posted.json().at("/resources/0").asText()).startsWith("/v2/queues/" + name + "/messages/");
    }

    // ---------------------------------------------------------------- requests as bytes

    /** One row: a request, the status it must get, and the title (null: no body at all). */
    record Case(String name, Request request, int status, String title, boolean closes) {

        Case closing() {
            return new Case(name, request, status, title, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, Request request, int status, String title) {
        return new Case(name, request, status, title, false);
    }

    /** A request line, headers (the fixture's Client-ID and project unless changed) and an optional body. */
    static final class Request {
        private final String method;
        private final String target;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;
        private byte[] raw;
        private boolean keepAlive;

        private Request(String method, String target) {
            this.method = method;
            this.target = target;
            headers.put("Host", "localhost");
            headers.put("Client-ID", CLIENT_ID);
            headers.put("X-Project-ID", PROJECT);
        }

        Request header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Request body(String text) {
            return body(text == null ? null : MalformedInputIT.bytes(text));
        }

        Request body(byte[] bytes) {
            this.body = bytes;
            if (bytes != null) {
                headers.putIfAbsent("Content-Type", "application/json");
                headers.put("Content-Length", Integer.toString(bytes.length));
            }
            return this;
        }

        Request keepAlive() {
            this.keepAlive = true;
            return this;
        }

        byte[] encode() {
            if (raw != null) {
                return raw;
            }
            // ids and the claim are only known once the fixture exists
            String resolved = target.replace("CLAIM", claimId == null ? "CLAIM" : claimId);
            for (int i = 0; messageIds != null && i < messageIds.size(); i++) {
                resolved = resolved.replace("ID" + i, messageIds.get(i));
            }
            StringBuilder head = new StringBuilder(method).append(' ').append(resolved).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (!keepAlive) {
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            byte[] start = MalformedInputIT.bytes(head.toString());
            return body == null ? start : concat(start, body);
        }
    }

    private static Request req(String method, String target) {
        return new Request(method, target);
    }

    private static Request post(String target, String body) {
        return new Request("POST", target).body(body);
    }

    private static Request post(String target, byte[] body) {
        return new Request("POST", target).body(body);
    }

    private static Request patch(String body) {
        return new Request("PATCH", FIXTURE).header("Content-Type", "application/openstack-messaging-v2.0-json-patch")
                .body(body);
    }

    private static Request raw(String text) {
        Request request = new Request("RAW", "");
        request.raw = bytes(text);
        return request;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A valid message post of exactly {@code length} bytes. */
    private static String messagesOfLength(int length) {
        String prefix = "{\"messages\": [{\"body\": \"";
        String suffix = "\"}]}";
        return prefix + "x".repeat(length - prefix.length() - suffix.length()) + suffix;
    }

    /** What came back: status, headers (lower-case names), body, and whether the server closed. */
    record Answer(int status, Map<String, String> headers, String body, boolean closed, String text) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Writes {@code request}, then reads until the server closes (or stays quiet for 5 s). */
    private static Answer exchange(byte[] request) {
        URI uri = URI.create(server.publicUrl());
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean closed = false;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            try {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    received.write(chunk, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException quiet) {
                closed = false;
            } catch (IOException reset) {
                closed = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(received.toString(StandardCharsets.UTF_8), closed);
    }

    private static Answer parse(String text, boolean closed) {
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete response head in: " + text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        assertThat(lines[0]).as("status line").matches("HTTP/1\\.1 \\d{3} .*");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, text.substring(end + 4), closed, text);
    }
}
