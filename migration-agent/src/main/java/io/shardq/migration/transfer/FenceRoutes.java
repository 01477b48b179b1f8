package io.shardq.migration.transfer;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shardq.migration.http.AgentRequest;
import io.shardq.migration.http.AgentResponse;
import io.shardq.migration.http.Route;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.QueueRef;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /v2/fence} answers {@code {"fence": "active|frozen|moved; to=X"}}; {@code PUT /v2/fence} with
 * {@code {"fence": ...}} answers 204 once the fence is set, which for {@code frozen} and {@code moved} means
 * once every write that passed the old fence has finished (the store's write leases).
 * {@code DELETE /v2/journal} stops and forgets the queue's change journal (a migration rolled back).
 */
public final class FenceRoutes {

    private final FenceStore fences;

    public FenceRoutes(FenceStore fences) {
        this.fences = requireNonNull(fences, "fences");
    }

    public List<Route> routes() {
        return List.of(
                new Route("fence.get", GET, "/v2/fence", this::get),
                new Route("fence.put", PUT, "/v2/fence", this::put),
                new Route("journal.stop", DELETE, "/v2/journal", this::stopJournal));
    }

    private CompletionStage<AgentResponse> get(AgentRequest request) {
        return fences.get(request.queue()).thenApply(fence -> AgentResponse.ok(
                JsonNodeFactory.instance.objectNode().put("fence", fence.headerValue()).toString()));
    }

    private CompletionStage<AgentResponse> stopJournal(AgentRequest request) {
        return fences.stopJournal(request.queue()).thenApply(done -> AgentResponse.noContent());
    }

    private CompletionStage<AgentResponse> put(AgentRequest request) {
        QueueRef ref = request.queue();
        Fence fence = TransferRoutes.parse(() -> Fence.parse(JsonFields.requireText(request.json(), "fence", "body")));
        return fences.set(ref, fence).thenApply(done -> AgentResponse.noContent());
    }
}
