package io.shardq.migration.transfer;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static java.util.Objects.requireNonNull;

import io.shardq.common.zaqar.HttpError;
import io.shardq.migration.http.AgentRequest;
import io.shardq.migration.http.AgentResponse;
import io.shardq.migration.http.Route;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueTransfer;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code /v2/transfer…}: the partition's raw {@link QueueTransfer} over HTTP, for the copy job of another
 * agent and for the coordinator. Bodies are {@link TransferCodec} JSON; the queue is
 * {@code ?project=P&queue=Q}.
 */
public final class TransferRoutes {

    /** Default and largest page of export and states. */
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;

    private final QueueTransfer transfer;

    public TransferRoutes(QueueTransfer transfer) {
        this.transfer = requireNonNull(transfer, "transfer");
    }

    public List<Route> routes() {
        return List.of(
                new Route("transfer.export", GET, "/v2/transfer/export", this::export),
                new Route("transfer.import", POST, "/v2/transfer/import", this::importPage),
                new Route("transfer.states", GET, "/v2/transfer/states", this::states),
                new Route("transfer.apply_states", POST, "/v2/transfer/states", this::applyStates),
                new Route("transfer.delete", POST, "/v2/transfer/delete", this::deleteMessages),
                new Route("transfer.drop", DELETE, "/v2/transfer", this::drop));
    }

    private CompletionStage<AgentResponse> export(AgentRequest request) {
        return transfer.export(request.queue(), after(request), limit(request))
                .thenApply(page -> AgentResponse.ok(TransferCodec.writeExportPage(page)));
    }

    private CompletionStage<AgentResponse> importPage(AgentRequest request) {
        var ref = request.queue();
        ExportPage page = parse(() -> TransferCodec.readExportPage(request.body()));
        return transfer.importPage(ref, page).thenApply(done -> AgentResponse.noContent());
    }

    private CompletionStage<AgentResponse> states(AgentRequest request) {
        return transfer.states(request.queue(), after(request), limit(request))
                .thenApply(page -> AgentResponse.ok(TransferCodec.writeStatePage(page)));
    }

    private CompletionStage<AgentResponse> applyStates(AgentRequest request) {
        var ref = request.queue();
        List<MessageState> states = parse(() -> TransferCodec.readStates(request.body()));
        return transfer.applyStates(ref, states).thenApply(done -> AgentResponse.noContent());
    }

    private CompletionStage<AgentResponse> deleteMessages(AgentRequest request) {
        var ref = request.queue();
        List<String> ids = parse(() -> JsonFields.requireTexts(request.json(), "ids", "body"));
        return transfer.deleteMessages(ref, ids).thenApply(done -> AgentResponse.noContent());
    }

    /** Unknown parameters are refused: a misspelt {@code keep_fence} must not drop the fence. */
    private CompletionStage<AgentResponse> drop(AgentRequest request) {
        request.onlyParams("project", "queue", "keep_fence");
        return transfer.drop(request.queue(), request.booleanParam("keep_fence", false))
                .thenApply(done -> AgentResponse.noContent());
    }

    private static long after(AgentRequest request) {
        return request.longParam("after", -1, -1, Long.MAX_VALUE);
    }

    private static int limit(AgentRequest request) {
        return (int) request.longParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** Runs a body parser, turning its complaint into a 400 "Invalid request body". */
    static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody(e.getMessage());
        }
    }
}
