package io.shardq.migration.reconcile;

import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.migration.http.AgentRequest;
import io.shardq.migration.http.AgentResponse;
import io.shardq.migration.http.Route;
import io.shardq.migration.transfer.JsonFields;
import io.shardq.migration.transfer.TransferCodec;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The destination's side of a reconciling copy (docs/MIGRATION_AGENT.md "Reconciliation"):
 * {@code POST /v2/transfer/digests} compares the source's range digests with this side's,
 * {@code POST /v2/transfer/replace} makes a range of positions equal to an export page, and
 * {@code PUT /v2/transfer/claims} makes the active claims equal to the source's, and
 * {@code POST /v2/transfer/changes} applies a journaled delta (an export page of the changed messages that
 * still exist, plus the ids of those that are gone) and answers the states it then holds. Requests are checked on
 * the event loop; the storage work, which pages through states, runs on the {@code agent-reconcile-N} threads.
 */
public final class ReconcileRoutes implements AutoCloseable {

    private final QueueTransfer transfer;
    private final RangeRepair repair;
    private final ExecutorService threads;

    public ReconcileRoutes(Storage storage) {
        this.transfer = requireNonNull(storage, "storage").transfer();
        this.repair = new RangeRepair(storage);
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "agent-reconcile-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public List<Route> routes() {
        return List.of(
                new Route("transfer.digests", POST, "/v2/transfer/digests", this::digests),
                new Route("transfer.replace", POST, "/v2/transfer/replace", this::replace),
                new Route("transfer.claims", PUT, "/v2/transfer/claims", this::claims),
                new Route("transfer.changes", POST, "/v2/transfer/changes", this::changes));
    }

    private CompletionStage<AgentResponse> digests(AgentRequest request) {
        QueueRef ref = request.onlyParams("project", "queue").queue();
        DigestRequest body = parse(() -> ReconcileCodec.readRequest(request.body()));
        return offload(() -> AgentResponse.ok(ReconcileCodec.writeAnswer(RangeCompare.answer(transfer, ref, body))));
    }

    private CompletionStage<AgentResponse> replace(AgentRequest request) {
        QueueRef ref = request.onlyParams("project", "queue").queue();
        Replacement replacement = parse(() -> ReconcileCodec.readReplacement(request.body()));
        return offload(() -> AgentResponse.ok(JsonNodeFactory.instance.objectNode()
                .put("deleted", repair.replace(ref, replacement)).toString()));
    }

    private CompletionStage<AgentResponse> changes(AgentRequest request) {
        QueueRef ref = request.onlyParams("project", "queue").queue();
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        ExportPage page = parse(() -> TransferCodec.readExportPage(request.body(), extra));
        List<String> absent = parse(() -> JsonFields.requireTexts(extra, "absent", "body"));
        boolean syncClaims = parse(() -> extra.has("sync_claims") && JsonFields.requireBoolean(extra, "sync_claims",
                "body"));
        return offload(() -> AgentResponse.ok(TransferCodec.writeStates(repair.applyChanges(ref, page, absent,
                syncClaims))));
    }

    private CompletionStage<AgentResponse> claims(AgentRequest request) {
        QueueRef ref = request.onlyParams("project", "queue").queue();
        List<Claim> claims = parse(() -> TransferCodec.readClaims(request.body()));
        return offload(() -> AgentResponse.ok(JsonNodeFactory.instance.objectNode()
                .put("released", repair.syncClaims(ref, claims)).toString()));
    }

    /** Runs blocking storage work on an agent thread; its failure (unwrapped) fails the stage. */
    private <T> CompletionStage<T> offload(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            threads.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (ExecutionException e) {
                    result.completeExceptionally(e.getCause() == null ? e : e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    result.completeExceptionally(e);
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the agent is stopping", e));
        }
        return result;
    }

    private static <T> T parse(Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody(e.getMessage());
        }
    }

    /** Stops the threads; work in progress is interrupted. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}
