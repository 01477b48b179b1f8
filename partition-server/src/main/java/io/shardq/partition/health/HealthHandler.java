package io.shardq.partition.health;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.metrics.PrometheusText;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.Storage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Admin-listener routes: the detailed health report ({@code /v2/health}, {@code /v1.1/health}) and
 * {@code /metrics} in Prometheus text.
 */
public final class HealthHandler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Storage storage;
    private final OperationProbe probe;
    private final PrometheusText metrics;

    public HealthHandler(Storage storage, PrometheusText metrics) {
        this.storage = requireNonNull(storage, "storage");
        this.metrics = requireNonNull(metrics, "metrics");
        this.probe = new OperationProbe(storage);
    }

    public List<Route> routes() {
        return List.of(
                new Route("health", GET, "/v2/health", this::health, "Health status could not be read."),
                new Route("health.v1_1", GET, "/v1.1/health", this::health, "Health status could not be read."),
                new Route("metrics", GET, "/metrics", this::metrics, null));
    }

    private CompletionStage<ApiResponse> health(ApiRequest request) {
        return storage.isAlive().thenCompose(alive -> {
            ObjectNode body = JSON.objectNode();
            body.put("storage_reachable", alive);
            if (!alive) {
                return CompletableFuture.completedFuture(ApiResponse.ok(JsonBodies.write(body)));
            }
            return probe.run().thenApply(status -> {
                body.set("operation_status", status);
                return ApiResponse.ok(JsonBodies.write(body));
            });
        });
    }

    private CompletionStage<ApiResponse> metrics(ApiRequest request) {
        byte[] text = metrics.render().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return CompletableFuture.completedFuture(ApiResponse.ok(text).withContentType(PrometheusText.CONTENT_TYPE));
    }
}
