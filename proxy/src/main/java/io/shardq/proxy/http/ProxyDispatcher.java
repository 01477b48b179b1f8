package io.shardq.proxy.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.shardq.catalogue.Partition;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.common.zaqar.RequestHooks;
import io.shardq.proxy.forward.Forwarder;
import io.shardq.proxy.forward.QueueRequests;
import io.shardq.proxy.forward.UpstreamRequest;
import io.shardq.proxy.listing.FleetPing;
import io.shardq.proxy.listing.QueueListing;
import io.shardq.proxy.routing.ClassifiedRequest;
import io.shardq.proxy.routing.PartitionDirectory;
import io.shardq.proxy.routing.RequestClassifier;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * From a client request to an answer: classify it, then route it to its queue's partition, answer the
 * queue listing or the fleet ping, or let any partition answer the rest. The returned stage never fails.
 */
public final class ProxyDispatcher {

    private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(ProxyDispatcher.class);

    private final RequestHooks hooks;
    private final QueueRequests queues;
    private final QueueListing listing;
    private final FleetPing ping;
    private final PartitionDirectory directory;
    private final Forwarder forwarder;
    private final ProxyErrorMapper errors;
    private final ProxyMetrics metrics;

    public ProxyDispatcher(RequestHooks hooks, QueueRequests queues, QueueListing listing, FleetPing ping,
                           PartitionDirectory directory, Forwarder forwarder, ProxyErrorMapper errors,
                           ProxyMetrics metrics) {
        this.hooks = requireNonNull(hooks, "hooks");
        this.queues = requireNonNull(queues, "queues");
        this.listing = requireNonNull(listing, "listing");
        this.ping = requireNonNull(ping, "ping");
        this.directory = requireNonNull(directory, "directory");
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.errors = requireNonNull(errors, "errors");
        this.metrics = requireNonNull(metrics, "metrics");
    }

    /**
     * Answers {@code request}. Its headers become the forwarded request's (hop-by-hop ones removed) and its
     * body is retained, not copied, until the answer is ready; the caller still releases the request.
     */
    public CompletionStage<FullHttpResponse> dispatch(FullHttpRequest request) {
        long start = System.nanoTime();
        String uri = request.uri();
        int queryAt = uri.indexOf('?');
        String path = queryAt < 0 ? uri : uri.substring(0, queryAt);
        String project = request.headers().get("X-Project-ID");
        ClassifiedRequest classified = RequestClassifier.classify(request.method().name(), path, project);
        String given = request.headers().get("X-Request-ID");
        String requestId = given != null ? given : newRequestId();
        Integer length = HttpUtil.isContentLengthSet(request) ? request.content().readableBytes() : null;
        UpstreamRequest upstream = UpstreamRequest.of(request, requestId);
        CompletionStage<FullHttpResponse> answer;
        try {
            answer = switch (classified.kind()) {
                case QUEUE -> queues.handle(classified, upstream);
                case QUEUE_LISTING -> listQueues(request, path, queryAt < 0 ? null : uri.substring(queryAt + 1),
                        project, length, upstream);
                case PING -> ping.ping(upstream);
                case ANY_PARTITION -> anyPartition(upstream, classified.idempotent());
            };
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, failure) -> {
            upstream.release();
            FullHttpResponse result = failure == null ? response : errors.map(failure);
            result.headers().set("X-Request-ID", requestId);
            int status = result.status().code();
            metrics.record(classified.kind(), start, status);
            log(requestId, request, status, start);
            return result;
        });
    }

    /** Every request at debug, server-side failures at warn, each with its request id (also sent upstream). */
    private static void log(String requestId, FullHttpRequest request, int status, long start) {
        long micros = (System.nanoTime() - start) / 1000;
        if (status >= 500) {
            logger.warn("request {} {} {} answered {} after {} us", requestId, request.method(), request.uri(), status,
                    micros);
        } else if (logger.isDebugEnabled()) {
            logger.debug("request {} {} {} answered {} after {} us", requestId, request.method(), request.uri(),
                    status, micros);
        }
    }

    /** A random id for a request that came without {@code X-Request-ID} (no SecureRandom on the hot path). */
    private static String newRequestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** {@code length}: the body's, when the client declared one (the request's own header is gone by now). */
    private CompletionStage<FullHttpResponse> listQueues(FullHttpRequest request, String path, String query,
                                                         String project, Integer length, UpstreamRequest upstream) {
        ApiVersion version = path.startsWith("/v2/") ? ApiVersion.V2 : ApiVersion.V1_1;
        hooks.check(path, request.headers(), length, version, Map.of());
        return listing.list(path, QueryParams.parse(query), project, upstream);
    }

    private CompletionStage<FullHttpResponse> anyPartition(UpstreamRequest upstream, boolean idempotent) {
        Partition any = directory.any().orElseThrow(QueueRequests::noPartitions);
        return forwarder.send(any, upstream, idempotent);
    }
}
