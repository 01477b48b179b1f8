package io.shardq.proxy.forward;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.QueueKey;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.migration.MigrationCoordinator;
import io.shardq.proxy.routing.ClassifiedRequest;
import io.shardq.proxy.routing.ParkingLot;
import io.shardq.proxy.routing.PartitionDirectory;
import io.shardq.proxy.routing.QueueRouter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A request about one queue: find its partition (placing a new queue when the request creates it), park
 * writes while the queue is frozen, forward, and react to the partition's fence answer by re-reading the
 * catalogue past every cache and routing again. A queue the catalogue does not know is asked of any
 * partition, which answers Zaqar's missing-queue semantics. Deleting a queue removes its entry; deleting a
 * queue that is being moved cancels the move first (deletion wins) and deletes it where it then lives.
 */
public final class QueueRequests {

    public static final String FENCE_HEADER = "X-Queue-Fence";
    /** How often a request may be re-routed after "moved" answers before giving up. */
    static final int MAX_MOVES = 5;
    /** Pause before asking a frozen partition again when the catalogue does not show the freeze yet. */
    static final long FROZEN_RETRY_MILLIS = 20;

    private final QueueRouter router;
    private final PartitionDirectory directory;
    private final Forwarder forwarder;
    /** How long a queue deletion waits for the queue's migration to roll back or switch. */
    static final long SETTLE_MILLIS = 10_000;

    private final ParkingLot parking;
    private final MigrationCoordinator migrations;
    private final Executor blocking;

    public QueueRequests(QueueRouter router, PartitionDirectory directory, Forwarder forwarder, ParkingLot parking,
                         MigrationCoordinator migrations, Executor blocking) {
        this.router = requireNonNull(router, "router");
        this.directory = requireNonNull(directory, "directory");
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.parking = requireNonNull(parking, "parking");
        this.migrations = requireNonNull(migrations, "migrations");
        this.blocking = requireNonNull(blocking, "blocking");
    }

    public CompletionStage<FullHttpResponse> handle(ClassifiedRequest request, UpstreamRequest upstream) {
        return route(request, upstream, 0, System.nanoTime());
    }

    private CompletionStage<FullHttpResponse> route(ClassifiedRequest request, UpstreamRequest upstream, int moves,
                                                    long started) {
        return router.resolve(request.key(), request.creates()).thenCompose(route -> {
            if (route.entry().isEmpty()) {
                return sendToAny(upstream, request.idempotent());
            }
            CatalogueEntry found = route.entry().get();
            if (request.deletes() && found.migration() != null) {
                return CompletableFuture.runAsync(() -> migrations.settleBeforeDelete(request.key(), found.migration(),
                        SETTLE_MILLIS), blocking).thenCompose(settled -> route(request, upstream, moves, started));
            }
            if (request.write() && found.state() == EntryState.FROZEN) {
                return parking.awaitThaw(request.key()).thenCompose(thawed -> route(request, upstream, moves, started));
            }
            Partition partition = directory.get(found.partition()).orElseThrow(() -> unknownPartition(found));
            CatalogueEntry placed = route.placed() ? found : null;
            return forwarder.send(partition, upstream, request.idempotent())
                    .thenCompose(answer -> afterAnswer(request, upstream, answer, partition.name(), placed, moves,
                            started));
        });
    }

    /** {@code partition}: the one that answered; {@code placed}: the entry placed for this request, or null. */
    private CompletionStage<FullHttpResponse> afterAnswer(ClassifiedRequest request, UpstreamRequest upstream,
                                                          FullHttpResponse answer, String partition,
                                                          CatalogueEntry placed, int moves, long started) {
        String fence = answer.headers().get(FENCE_HEADER);
        int status = answer.status().code();
        if (status == 409 && fence != null) {
            answer.release();
            return onFence(request, upstream, fence, moves, started);
        }
        if (placed != null && status >= 400 && status < 500) {
            return router.unplace(placed).handle((done, failure) -> answer);
        }
        if (request.deletes() && status < 300) {
            return router.forget(request.key()).thenApply(done -> answer);
        }
        if (request.write() && status < 300) {
            Optional<String> deadLetters = deadLetterQueue(request, upstream);
            if (deadLetters.isPresent()) {
                return router.colocate(QueueKey.of(request.key().project(), deadLetters.get()), partition)
                        .handle((done, failure) -> answer);
            }
        }
        return CompletableFuture.completedFuture(answer);
    }

    private CompletionStage<FullHttpResponse> onFence(ClassifiedRequest request, UpstreamRequest upstream, String fence,
                                                      int moves, long started) {
        boolean frozen = fence.trim().equals("frozen");
        if (!frozen && moves >= MAX_MOVES) {
            return CompletableFuture.failedFuture(HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Service temporarily unavailable", "Queue " + request.key().queue()
                            + " is being moved between partitions. Please try again in a few seconds.")
                    .withHeader("Retry-After", "1"));
        }
        CompletionStage<Optional<CatalogueEntry>> fresh = router.fresh(request.key());
        if (!frozen) {
            return fresh.thenCompose(entry -> route(request, upstream, moves + 1, started));
        }
        Executor later = CompletableFuture.delayedExecutor(FROZEN_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        return fresh.thenCompose(entry -> parking.awaitThaw(request.key()))
                .thenComposeAsync(thawed -> route(request, upstream, moves, started), later);
    }

    /** The dead-letter queue a successful PUT or PATCH of the queue names, other than the queue itself. */
    private static Optional<String> deadLetterQueue(ClassifiedRequest request, UpstreamRequest upstream) {
        String method = upstream.method().name();
        if (!method.equals("PUT") && !method.equals("PATCH")) {
            return Optional.empty();
        }
        String uri = upstream.uri();
        int queryAt = uri.indexOf('?');
        return DeadLetterQueueName.of(method, queryAt < 0 ? uri : uri.substring(0, queryAt), request.key().queue(),
                upstream.bodyText()).filter(name -> !name.equals(request.key().queue()));
    }

    private CompletionStage<FullHttpResponse> sendToAny(UpstreamRequest upstream, boolean idempotent) {
        Partition any = directory.any().orElseThrow(QueueRequests::noPartitions);
        return forwarder.send(any, upstream, idempotent);
    }

    private static HttpError unknownPartition(CatalogueEntry entry) {
        return HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable",
                "Queue " + entry.queue() + " is on partition " + entry.partition()
                        + ", which this proxy does not know yet. Please try again in a few seconds.")
                .withHeader("Retry-After", "1");
    }

    /** 503: the proxy knows no partition at all yet. */
    public static HttpError noPartitions() {
        return HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable",
                "No partition is registered. Please try again in a few seconds.").withHeader("Retry-After", "1");
    }
}
