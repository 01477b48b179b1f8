package io.shardq.partition.catalogue;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static java.util.Objects.requireNonNull;

import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.storage.QueueTransfer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v2/catalogue-source/queues?after=project/queue&limit=N} on the admin listener: every queue of
 * every project this partition's storage holds, for regenerating the catalogue ({@link CatalogueSourcePage}).
 */
public final class CatalogueSourceHandler {

    private final QueueTransfer transfer;

    public CatalogueSourceHandler(QueueTransfer transfer) {
        this.transfer = requireNonNull(transfer, "transfer");
    }

    public List<Route> routes() {
        return List.of(new Route("catalogue_source.queues", GET, CatalogueSourcePage.PATH, this::queues,
                "Queues could not be listed."));
    }

    private CompletionStage<ApiResponse> queues(ApiRequest request) {
        int limit = CatalogueSourcePage.limit(request.query().integer("limit"));
        return transfer.queues(CatalogueSourcePage.after(request.query().get("after")), limit).thenApply(page ->
                ApiResponse.ok(JsonBodies.write(CatalogueSourcePage.of(page, limit).toJson())));
    }
}
