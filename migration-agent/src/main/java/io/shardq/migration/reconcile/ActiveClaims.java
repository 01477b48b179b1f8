package io.shardq.migration.reconcile;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/** A queue's active claims, read the one way every driver offers them: on an export page (of one message). */
final class ActiveClaims {

    private ActiveClaims() {
    }

    /** The first export page of one message, which carries every active claim; empty when the queue is missing. */
    static Optional<ExportPage> head(QueueTransfer transfer, QueueRef ref) throws InterruptedException, ExecutionException {
        try {
            return Optional.of(transfer.export(ref, -1, 1).toCompletableFuture().get());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof QueueNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every active claim of the queue (without messages); none when the queue is missing. */
    static List<Claim> of(QueueTransfer transfer, QueueRef ref) throws InterruptedException, ExecutionException {
        return head(transfer, ref).map(ExportPage::claims).orElse(List.of());
    }
}
