package io.shardq.proxy.listing;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.proxy.forward.Forwarder;
import io.shardq.proxy.forward.UpstreamRequest;
import io.shardq.proxy.http.Responses;
import io.shardq.proxy.routing.PartitionDirectory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@code GET /v2/ping} for the fleet: 204 when every partition that is not disabled answers its own ping. */
public final class FleetPing {

    private final PartitionDirectory directory;
    private final Forwarder forwarder;

    public FleetPing(PartitionDirectory directory, Forwarder forwarder) {
        this.directory = requireNonNull(directory, "directory");
        this.forwarder = requireNonNull(forwarder, "forwarder");
    }

    public CompletionStage<FullHttpResponse> ping(UpstreamRequest request) {
        List<Partition> serving = directory.all().stream().filter(p -> p.state() != PartitionState.DISABLED).toList();
        if (serving.isEmpty()) {
            return CompletableFuture.completedFuture(Responses.empty(HttpResponseStatus.SERVICE_UNAVAILABLE));
        }
        List<CompletableFuture<Boolean>> answers = serving.stream()
                .map(partition -> alive(partition, request)).toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done ->
                Responses.empty(answers.stream().allMatch(CompletableFuture::join) ? HttpResponseStatus.NO_CONTENT
                        : HttpResponseStatus.SERVICE_UNAVAILABLE));
    }

    /** Whether the partition answers its own ping (each ping gets its own headers: they run concurrently). */
    private CompletableFuture<Boolean> alive(Partition partition, UpstreamRequest request) {
        return forwarder.send(partition, request.with(request.method(), request.uri()), true)
                .handle((answer, failure) -> {
                    if (answer == null) {
                        return false;
                    }
                    boolean alive = answer.status().code() == 204;
                    answer.release();
                    return alive;
                }).toCompletableFuture();
    }
}
