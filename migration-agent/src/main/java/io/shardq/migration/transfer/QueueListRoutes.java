package io.shardq.migration.transfer;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static java.util.Objects.requireNonNull;

import io.shardq.migration.http.AgentRequest;
import io.shardq.migration.http.AgentResponse;
import io.shardq.migration.http.Route;
import io.shardq.partition.catalogue.CatalogueSourcePage;
import io.shardq.partition.storage.QueueTransfer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v2/catalogue-source/queues?after=project/queue&limit=N}: every queue of every project of this
 * agent's partition, a page at a time, as the partition's admin listener answers it
 * ({@link CatalogueSourcePage}). The proxy reads it through the agent, the one URL of a partition it has
 * besides the public nodes, to regenerate the catalogue.
 */
public final class QueueListRoutes {

    private final QueueTransfer transfer;

    public QueueListRoutes(QueueTransfer transfer) {
        this.transfer = requireNonNull(transfer, "transfer");
    }

    public List<Route> routes() {
        return List.of(new Route("catalogue_source.queues", GET, CatalogueSourcePage.PATH, this::queues));
    }

    private CompletionStage<AgentResponse> queues(AgentRequest request) {
        request.onlyParams("after", "limit");
        int limit = (int) request.longParam("limit", CatalogueSourcePage.DEFAULT_LIMIT, 1, CatalogueSourcePage.MAX_LIMIT);
        return transfer.queues(CatalogueSourcePage.after(request.query().get("after")), limit)
                .thenApply(page -> AgentResponse.ok(CatalogueSourcePage.of(page, limit).toJson().toString()));
    }
}
