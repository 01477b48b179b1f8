package io.shardq.partition.health;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The versions document ({@code GET /}), each version's JSON-home document, and ping. */
public final class HomeHandler {

    private static final String JSON_HOME = "application/json-home";

    private final Storage storage;
    private final byte[] versions = resource("versions.json");

    public HomeHandler(Storage storage) {
        this.storage = requireNonNull(storage, "storage");
    }

    /** {@code GET /}: 300 with every version, enabled or not (SPEC §1.1). */
    public Route versions() {
        return new Route("versions", GET, "/", request -> done(
                new ApiResponse(HttpResponseStatus.MULTIPLE_CHOICES, java.util.Map.of(), versions, ApiResponse.JSON)),
                null);
    }

    public List<Route> routes(ApiVersion version) {
        byte[] home = resource(version == ApiVersion.V2 ? "v2.json" : "v1.1.json");
        return List.of(
                new Route("home", GET, version.prefix() + "/", request -> done(ApiResponse.ok(home)
                        .withContentType(JSON_HOME).withHeader("Cache-Control", "max-age=86400")), null),
                new Route("ping", GET, version.prefix() + "/ping", this::ping, null),
                new Route("ping.head", HEAD, version.prefix() + "/ping", request -> done(ApiResponse.noContent()), null));
    }

    private CompletionStage<ApiResponse> ping(ApiRequest request) {
        return storage.isAlive().thenApply(alive -> alive ? ApiResponse.noContent()
                : ApiResponse.status(HttpResponseStatus.SERVICE_UNAVAILABLE).withContentType(null));
    }

    private static CompletionStage<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static byte[] resource(String name) {
        try (InputStream in = HomeHandler.class.getResourceAsStream("/homedoc/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /homedoc/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
