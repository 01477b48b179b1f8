package io.shardq.partition.health;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Zaqar's {@code operation_status}: exercises the storage on a scratch queue (create, post, claim, list,
 * delete, release, bulk delete, delete queue) and reports each step's outcome and duration.
 */
final class OperationProbe {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PROJECT = "__health__";
    private static final int MESSAGES = 10;

    private final Storage storage;

    OperationProbe(Storage storage) {
        this.storage = storage;
    }

    CompletionStage<ObjectNode> run() {
        QueueRef queue = QueueRef.of(PROJECT, "probe-" + UUID.randomUUID());
        ObjectNode report = JSON.objectNode();
        List<NewMessage> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(NewMessage.of("{\"probe\":" + i + "}", 300, 0));
        }
        String[] claimId = new String[1];
        @SuppressWarnings("unchecked")
        List<String>[] ids = new List[1];
        return step(report, "create_queue", () -> storage.queues().create(queue, JSON.objectNode()))
                .thenCompose(x -> step(report, "post_messages", () -> storage.messages().post(queue, batch, null)
                        .thenAccept(posted -> ids[0] = posted)))
                .thenCompose(x -> step(report, "claim_messages", () -> storage.claims()
                        .create(queue, ClaimSpec.of(60, 60, 2)).thenAccept(claim -> claimId[0] = claim.id())))
                .thenCompose(x -> step(report, "list_messages", () -> storage.messages()
                        .list(queue, new MessageQuery(MessageQuery.FROM_HEAD, 10, null, true, true, true))))
                .thenCompose(x -> step(report, "delete_messages", () -> storage.messages()
                        .delete(queue, ids[0].get(MESSAGES - 1), null)))
                .thenCompose(x -> step(report, "delete_claim", () -> storage.claims().release(queue, claimId[0])))
                .thenCompose(x -> step(report, "bulk_delete_messages", () -> storage.messages()
                        .delete(queue, ids[0].subList(0, MESSAGES / 2))))
                .thenCompose(x -> step(report, "delete_queue", () -> storage.queues().delete(queue)))
                .thenApply(x -> report);
    }

    private static CompletionStage<Void> step(ObjectNode report, String name, Supplier<CompletionStage<?>> action) {
        long start = System.nanoTime();
        CompletionStage<?> stage;
        try {
            stage = action.get();
        } catch (RuntimeException e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        return stage.handle((result, failure) -> {
            ObjectNode status = report.putObject(name);
            status.put("succeeded", failure == null);
            status.put("seconds", (System.nanoTime() - start) / 1e9);
            status.put("ref", failure == null ? null : String.valueOf(failure.getMessage()));
            return null;
        });
    }
}
