package io.shardq.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A small HTTP client for tests, over a real socket (JDK HttpClient, HTTP/1.1, keep-alive). Sends
 * {@code Client-ID} and {@code X-Project-ID} unless told otherwise; immutable, {@code with*} copies.
 */
public final class ZaqarHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Map<String, String> headers;

    private ZaqarHttp(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    public static ZaqarHttp to(String base) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Client-ID", UUID.randomUUID().toString());
        return new ZaqarHttp(base, headers);
    }

    public ZaqarHttp project(String project) {
        return header("X-Project-ID", project);
    }

    public ZaqarHttp clientId(String clientId) {
        return header("Client-ID", clientId);
    }

    public String clientId() {
        return headers.get("Client-ID");
    }

    /** With {@code value} null the header is not sent at all. */
    public ZaqarHttp header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new ZaqarHttp(base, copy);
    }

    /** A v2 message-posting body of string messages: {@code {"messages":[{"body":"a"},…]}}. */
    public static String messages(String... bodies) {
        StringBuilder json = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < bodies.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"body\":\"").append(bodies[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response put(String path, String body) {
        return send("PUT", path, body);
    }

    public Response post(String path, String body) {
        return send("POST", path, body);
    }

    public Response patch(String path, String body) {
        return header("Content-Type", "application/openstack-messaging-v2.0-json-patch").send("PATCH", path, body);
    }

    /** Sends {@code body} (null: no body) with Content-Type application/json unless another was set. */
    public Response send(String method, String path, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null && !headers.containsKey("Content-Type")) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers (lowercase names), body text and its JSON. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String title() {
            return json().path("title").asText(null);
        }

        public String description() {
            return json().path("description").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
