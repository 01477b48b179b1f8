package io.shardq.partition.claims;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.shardq.partition.http.Route.Access.READ;
import static io.shardq.partition.http.Route.Access.WRITE;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.concurrent.Failures;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.config.LimitsConfig;
import io.shardq.partition.http.ApiRequest;
import io.shardq.partition.http.ApiResponse;
import io.shardq.partition.http.JsonBodies;
import io.shardq.partition.http.Route;
import io.shardq.partition.messages.MessageViews;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.Touched;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Routes of the claim resources: create, get, renew (PATCH) and release (DELETE). */
public final class ClaimsHandler {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int DEFAULT_LIMIT = 10;

    private final QueueStore queues;
    private final ClaimStore claims;
    private final LimitsConfig limits;
    private final Clock clock;
    private final DeadLetterGate deadLetters;

    /** @param fences the dead-letter queues' fences, which a claim that dead-letters passes too */
    public ClaimsHandler(QueueStore queues, ClaimStore claims, FenceStore fences, LimitsConfig limits, Clock clock) {
        this.queues = requireNonNull(queues, "queues");
        this.claims = requireNonNull(claims, "claims");
        this.deadLetters = new DeadLetterGate(fences);
        this.limits = requireNonNull(limits, "limits");
        this.clock = requireNonNull(clock, "clock");
    }

    public List<Route> routes(ApiVersion version) {
        String collection = version.prefix() + "/queues/{queue_name}/claims";
        String item = collection + "/{claim_id}";
        return List.of(
                new Route("claims.create", POST, collection, this::create, "Claim could not be created.", WRITE),
                new Route("claims.get", GET, item, this::get, "Claim could not be queried.", READ),
                new Route("claims.update", PATCH, item, this::update, "Claim could not be updated.", WRITE),
                new Route("claims.delete", DELETE, item, this::release, "Claim could not be deleted.", WRITE));
    }

    private CompletionStage<ApiResponse> create(ApiRequest request) {
        Integer limit = request.query().integer("limit");
        long ttl = limits.defaultClaimTtl();
        long grace = limits.defaultClaimGrace();
        Integer length = request.contentLength();
        if (length != null && length > 0) {
            ObjectNode document = JsonBodies.object(JsonBodies.deserialize(request));
            ttl = JsonBodies.intField(document, "ttl", limits.defaultClaimTtl());
            grace = JsonBodies.intField(document, "grace", limits.defaultClaimGrace());
        }
        checkTtl(ttl);
        if (limit != null && (limit <= 0 || limit > limits.maxMessagesPerClaimOrPop())) {
            throw HttpError.invalidApiRequest("Limit must be at least 1 and may not be greater than "
                    + limits.maxMessagesPerClaimOrPop() + ".");
        }
        if (grace < LimitsConfig.MIN_CLAIM_GRACE || grace > limits.maxClaimGrace()) {
            throw HttpError.invalidApiRequest("The grace for a claim may not exceed " + limits.maxClaimGrace()
                    + " seconds, and must be at least " + LimitsConfig.MIN_CLAIM_GRACE + " seconds long.");
        }
        int count = limit == null ? DEFAULT_LIMIT : limit;
        int claimTtl = (int) ttl;
        int claimGrace = (int) grace;
        return queues.metadata(request.queue())
                .thenCompose(metadata -> deadLetters.pass(request.queue(), DeadLetters.of(metadata.orElse(null))))
                .thenCompose(pass -> claims.create(request.queue(), new ClaimSpec(claimTtl, claimGrace, count,
                                pass.deadLetter()))
                        .whenComplete((claim, failure) -> pass.release())
                        .thenApply(claim -> created(request, claim, pass.deadLetter() == null)));
    }

    /**
     * {@code knowsChanges}: no dead-letter queue, so the claimed messages are all it changed (a claim that
     * dead-letters also moves messages it does not return).
     */
    private ApiResponse created(ApiRequest request, Claim claim, boolean knowsChanges) {
        Touched touched = knowsChanges ? Touched.ofMessages(claim.messages()) : null;
        if (claim.messages().isEmpty()) {
            return ApiResponse.noContent().withTouched(touched);
        }
        ObjectNode body = JSON.objectNode();
        body.set("messages", views(claim, request.queuePath()));
        return ApiResponse.json(HttpResponseStatus.CREATED, JsonBodies.write(body))
                .withHeader("Location", request.path() + "/" + claim.id()).withTouched(touched);
    }

    private ArrayNode views(Claim claim, String queuePath) {
        long now = clock.millis();
        ArrayNode items = JSON.arrayNode();
        claim.messages().forEach(message -> items.add(MessageViews.view(message, queuePath, claim.id(), now)));
        return items;
    }

    private CompletionStage<ApiResponse> get(ApiRequest request) {
        return claims.get(request.queue(), request.param("claim_id")).thenApply(claim -> {
            ObjectNode body = JSON.objectNode();
            body.put("age", claim.age(clock.millis()));
            body.put("ttl", claim.ttl());
            body.set("messages", views(claim, request.queuePath()));
            body.put("href", request.path());
            return ApiResponse.ok(JsonBodies.write(body));
        });
    }

    private CompletionStage<ApiResponse> update(ApiRequest request) {
        JsonNode document = JsonBodies.object(JsonBodies.deserialize(request));
        long ttl = JsonBodies.intField(document, "ttl", limits.defaultClaimTtl());
        long grace = JsonBodies.intField(document, "grace", limits.defaultClaimGrace());
        checkTtl(ttl);
        int boundedGrace = (int) Math.max(0, Math.min(grace, limits.maxClaimGrace()));
        return claimed(request).thenCompose(touched -> claims.update(request.queue(), request.param("claim_id"),
                (int) ttl, boundedGrace).thenApply(done -> ApiResponse.noContent().withTouched(touched)));
    }

    private CompletionStage<ApiResponse> release(ApiRequest request) {
        return claimed(request).thenCompose(touched -> claims.release(request.queue(), request.param("claim_id"))
                .thenApply(done -> ApiResponse.noContent().withTouched(touched)));
    }

    /**
     * The messages a renewal or release of the request's claim changes, read first when the queue journals
     * its changes (a claim that is gone changes none); otherwise not read ({@code null}).
     */
    private CompletionStage<Touched> claimed(ApiRequest request) {
        if (!request.journaling()) {
            return CompletableFuture.completedFuture(null);
        }
        return claims.get(request.queue(), request.param("claim_id")).handle((claim, failure) -> {
            if (failure == null) {
                return Touched.ofMessages(claim.messages());
            }
            Throwable cause = Failures.cause(failure);
            return cause instanceof ClaimNotFoundException || cause instanceof QueueNotFoundException
                    ? Touched.NONE : Touched.UNKNOWN;
        });
    }

    private void checkTtl(long ttl) {
        if (ttl < LimitsConfig.MIN_CLAIM_TTL || ttl > limits.maxClaimTtl()) {
            throw HttpError.invalidApiRequest("The TTL for a claim may not exceed " + limits.maxClaimTtl()
                    + " seconds, and must be at least " + LimitsConfig.MIN_CLAIM_TTL + " seconds long.");
        }
    }
}
