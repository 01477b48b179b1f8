package io.shardq.proxy.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.shardq.common.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The proxy's admin API over {@link HttpClient}: one method per HTTP verb, JSON in and out. An answer of
 * 400 or more becomes an {@link AdminApiException}; no answer at all an {@link AdminUnreachableException}.
 */
final class AdminClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http;

    AdminClient(URI base, String token) {
        this.base = requireNonNull(base, "base");
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    URI base() {
        return base;
    }

    /** An answer below 400: its status and JSON body ({@code NullNode} when empty). */
    record Answer(int status, JsonNode body) {
    }

    /** {@code GET path}; {@code project} (may be null) goes into {@code X-Project-ID}. */
    Answer get(String path, String project) {
        return send("GET", path, project, null);
    }

    Answer post(String path, JsonNode body) {
        return send("POST", path, null, body);
    }

    Answer put(String path, JsonNode body) {
        return send("PUT", path, null, body);
    }

    Answer patch(String path, JsonNode body) {
        return send("PATCH", path, null, body);
    }

    Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** One path segment, percent-encoded. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(String method, String path, String project, JsonNode body) {
        HttpRequest request = request(method, path, project, body);
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AdminUnreachableException(base, "no answer within " + seconds(e) + " s", e);
        } catch (ConnectException e) {
            throw new AdminUnreachableException(base, "connection refused", e);
        } catch (IOException e) {
            throw new AdminUnreachableException(base, String.valueOf(e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminUnreachableException(base, "interrupted", e);
        }
        if (response.statusCode() >= 400) {
            throw AdminApiException.of(method, path, response.statusCode(), response.body());
        }
        return new Answer(response.statusCode(), parse(response.body()));
    }

    private HttpRequest request(String method, String path, String project, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (project != null) {
            builder.header("X-Project-ID", project);
        }
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                .build();
    }

    private static long seconds(HttpTimeoutException e) {
        return e instanceof java.net.http.HttpConnectTimeoutException ? CONNECT_TIMEOUT.toSeconds()
                : REQUEST_TIMEOUT.toSeconds();
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AdminApiException(200, "Unreadable answer", "The admin API answered with something that is "
                    + "not JSON: " + abbreviate(text), "is --url the proxy's admin listener, not its public one?");
        }
    }

    static String abbreviate(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }
}
