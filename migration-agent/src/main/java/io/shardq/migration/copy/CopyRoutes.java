package io.shardq.migration.copy;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import io.shardq.migration.client.CopyStatus;
import io.shardq.migration.client.JournalUse;
import io.shardq.migration.http.AgentRequest;
import io.shardq.migration.http.AgentResponse;
import io.shardq.migration.http.Route;
import io.shardq.migration.transfer.JsonFields;
import io.shardq.partition.storage.QueueRef;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v2/copies} {@code {"project","queue","to","after"?,"page"?,"reconcile"?}} → 202 {@code {"id"}};
 * {@code GET /v2/copies/{id}} → the copy's status; {@code DELETE /v2/copies/{id}} → cancel, and
 * {@code DELETE /v2/copies?project=P&queue=Q} → cancel every copy of that queue: 204 once their threads stopped.
 */
public final class CopyRoutes {

    /** Default and largest page of a copy, in messages. */
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 10_000;

    private final CopyJobs jobs;

    public CopyRoutes(CopyJobs jobs) {
        this.jobs = requireNonNull(jobs, "jobs");
    }

    public List<Route> routes() {
        return List.of(
                new Route("copies.start", POST, "/v2/copies", this::start),
                new Route("copies.cancel_queue", DELETE, "/v2/copies", this::cancelQueue),
                new Route("copies.get", GET, "/v2/copies/{id}", this::get),
                new Route("copies.cancel", DELETE, "/v2/copies/{id}", this::cancel));
    }

    private CompletionStage<AgentResponse> start(AgentRequest request) {
        ObjectNode body = request.json();
        QueueRef ref;
        URI to;
        long after;
        int page;
        boolean reconcile;
        JournalUse journal;
        try {
            ref = AgentRequest.queueOf(JsonFields.optionalText(body, "project", "body"),
                    JsonFields.requireText(body, "queue", "body"));
            to = destination(JsonFields.requireText(body, "to", "body"));
            after = body.has("after") ? JsonFields.requireLong(body, "after", "body") : -1;
            page = body.has("page") ? JsonFields.requireInt(body, "page", "body") : DEFAULT_PAGE;
            reconcile = body.has("reconcile") && JsonFields.requireBoolean(body, "reconcile", "body");
            journal = body.has("journal") ? JournalUse.parse(JsonFields.requireText(body, "journal", "body"))
                    : JournalUse.NONE;
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody(e.getMessage());
        }
        if (after < -1 || page < 1 || page > MAX_PAGE) {
            throw HttpError.invalidBody("after: " + after + ", page: " + page + " (expected: after >= -1, page 1 to "
                    + MAX_PAGE + ")");
        }
        if (journal != JournalUse.NONE && !reconcile) {
            throw HttpError.invalidBody("journal: " + journal.wireName() + " (expected: only with reconcile: true)");
        }
        String id = jobs.start(ref, to, after, page, reconcile, journal);
        return CompletableFuture.completedFuture(AgentResponse.accepted(
                JsonNodeFactory.instance.objectNode().put("id", id).put("href", "/v2/copies/" + id).toString()));
    }

    private CompletionStage<AgentResponse> get(AgentRequest request) {
        CopyStatus status = jobs.status(request.pathId()).orElseThrow(() -> unknown(request.pathId()));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("id", status.id()).put("state", status.state())
                .put("copied", status.copied()).put("cursor", status.cursor());
        body.put("error", status.error());
        body.put("verified", status.verified()).put("source_count", status.sourceCount())
                .put("destination_count", status.destinationCount()).put("ranges_replaced", status.rangesReplaced())
                .put("deleted", status.deleted()).put("journaled", status.journaled());
        return CompletableFuture.completedFuture(AgentResponse.ok(body.toString()));
    }

    private CompletionStage<AgentResponse> cancel(AgentRequest request) {
        return jobs.cancel(request.pathId()).orElseThrow(() -> unknown(request.pathId()))
                .thenApply(stopped -> AgentResponse.noContent());
    }

    private CompletionStage<AgentResponse> cancelQueue(AgentRequest request) {
        return jobs.cancelAll(request.onlyParams("project", "queue").queue())
                .thenApply(stopped -> AgentResponse.noContent());
    }

    private static URI destination(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("to of body: " + text + " (expected: http://host:port of an agent)", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("to of body: " + text + " (expected: http://host:port of an agent)");
        }
        return uri;
    }

    private static HttpError unknown(String id) {
        return HttpError.notFound("copy " + id + " (expected: an id returned by POST /v2/copies)");
    }
}
