package io.shardq.migration.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.migration.reconcile.DigestAnswer;
import io.shardq.migration.reconcile.DigestRequest;
import io.shardq.migration.reconcile.ReconcileCodec;
import io.shardq.migration.reconcile.Replacement;
import io.shardq.migration.transfer.JsonFields;
import io.shardq.migration.transfer.TransferCodec;
import io.shardq.partition.catalogue.CatalogueSourcePage;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StatePage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Blocking client of one migration agent's routes (docs/MIGRATION_AGENT.md), for copy jobs and the
 * coordinator. Thread-safe. Every failure is an {@link AgentClientException}.
 */
public final class AgentClient {

    /** Connect timeout; a request's own timeout is {@link #DEFAULT_TIMEOUT} (a freeze may wait for leases). */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;
    private final HttpClient http;

    /** @param token the agent's bearer token, or {@code null} */
    public AgentClient(URI base, String token) {
        String text = requireNonNull(base, "base").toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    public URI base() {
        return base;
    }

    public ExportPage export(QueueRef ref, long after, int limit) {
        return TransferCodec.readExportPage(send("GET", "/v2/transfer/export" + query(ref) + "&after=" + after
                + "&limit=" + limit, null, 200));
    }

    public void importPage(QueueRef ref, ExportPage page) {
        send("POST", "/v2/transfer/import" + query(ref), TransferCodec.writeExportPage(page), 204);
    }

    public StatePage states(QueueRef ref, long after, int limit) {
        return TransferCodec.readStatePage(send("GET", "/v2/transfer/states" + query(ref) + "&after=" + after
                + "&limit=" + limit, null, 200));
    }

    public void applyStates(QueueRef ref, List<MessageState> states) {
        send("POST", "/v2/transfer/states" + query(ref), TransferCodec.writeStates(states), 204);
    }

    public void deleteMessages(QueueRef ref, List<String> ids) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ids.forEach(body.putArray("ids")::add);
        send("POST", "/v2/transfer/delete" + query(ref), body.toString(), 204);
    }

    public void drop(QueueRef ref) {
        drop(ref, false);
    }

    /** Drops the queue's data; with {@code keepFence} its fence stays (a {@code moved} fence keeps refusing). */
    public void drop(QueueRef ref, boolean keepFence) {
        send("DELETE", "/v2/transfer" + query(ref) + (keepFence ? "&keep_fence=true" : ""), null, 204);
    }

    /** The destination's digests of the request's ranges ({@code POST /v2/transfer/digests}). */
    public DigestAnswer digests(QueueRef ref, DigestRequest request) {
        return ReconcileCodec.readAnswer(send("POST", "/v2/transfer/digests" + query(ref),
                ReconcileCodec.writeRequest(request), 200));
    }

    /** Makes the replacement's ranges hold exactly its page's messages; returns how many were deleted. */
    public long replace(QueueRef ref, Replacement replacement) {
        return JsonFields.requireLong(JsonFields.object(send("POST", "/v2/transfer/replace" + query(ref),
                ReconcileCodec.writeReplacement(replacement), 200)), "deleted", "answer");
    }

    /**
     * Applies a journaled delta's changes ({@code POST /v2/transfer/changes}): with {@code syncClaims} first makes
     * the active claims the page's, then deletes {@code absent} and imports the page; answers the states then
     * held for all of them.
     */
    public List<MessageState> applyChanges(QueueRef ref, ExportPage page, List<String> absent, boolean syncClaims) {
        return TransferCodec.readStates(send("POST", "/v2/transfer/changes" + query(ref),
                ReconcileCodec.writeChanges(page, absent, syncClaims), 200));
    }

    /** Stops and forgets the queue's change journal ({@code DELETE /v2/journal}). */
    public void stopJournal(QueueRef ref) {
        send("DELETE", "/v2/journal" + query(ref), null, 204);
    }

    /** Makes the active claims exactly {@code claims}; returns how many claims were released. */
    public long syncClaims(QueueRef ref, List<Claim> claims) {
        return JsonFields.requireLong(JsonFields.object(send("PUT", "/v2/transfer/claims" + query(ref),
                TransferCodec.writeClaims(claims), 200)), "released", "answer");
    }

    public Fence fence(QueueRef ref) {
        return Fence.parse(JsonFields.requireText(JsonFields.object(send("GET", "/v2/fence" + query(ref), null, 200)),
                "fence", "answer"));
    }

    /** Returns once the fence is set (for a blocking fence: once writes in flight have finished). */
    public void setFence(QueueRef ref, Fence fence) {
        send("PUT", "/v2/fence" + query(ref),
                JsonNodeFactory.instance.objectNode().put("fence", fence.headerValue()).toString(), 204);
    }

    /** Starts a copy of {@code ref} from this agent to the agent at {@code to}; returns the copy's id. */
    public String startCopy(QueueRef ref, URI to, long after, int page) {
        return startCopy(ref, to, after, page, false);
    }

    /**
     * Starts a copy of {@code ref} from this agent to the agent at {@code to}; a reconciling one then makes the
     * destination equal to the source and verifies it. Returns the copy's id.
     */
    public String startCopy(QueueRef ref, URI to, long after, int page, boolean reconcile) {
        return startCopy(ref, to, after, page, reconcile, JournalUse.NONE);
    }

    /**
     * Starts a reconciling copy that also uses the queue's change journal: {@link JournalUse#START} starts it
     * before copying (the last live pass), {@link JournalUse#READ} lets it stand in for comparing the whole queue
     * when it is complete (the frozen pass).
     */
    public String startCopy(QueueRef ref, URI to, long after, int page, boolean reconcile, JournalUse journal) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("project", ref.project()).put("queue", ref.queue())
                .put("to", to.toString()).put("after", after).put("page", page).put("reconcile", reconcile);
        if (journal != JournalUse.NONE) {
            body.put("journal", journal.wireName());
        }
        return JsonFields.requireText(JsonFields.object(send("POST", "/v2/copies", body.toString(), 202)), "id", "answer");
    }

    public CopyStatus copy(String id) {
        ObjectNode answer = JsonFields.object(send("GET", "/v2/copies/" + encode(id), null, 200));
        return new CopyStatus(JsonFields.requireText(answer, "id", "copy"), JsonFields.requireText(answer, "state", "copy"),
                JsonFields.requireLong(answer, "copied", "copy"), JsonFields.requireLong(answer, "cursor", "copy"),
                JsonFields.optionalText(answer, "error", "copy"), answer.path("verified").asBoolean(false),
                JsonFields.optionalLong(answer, "source_count", "copy"),
                JsonFields.optionalLong(answer, "destination_count", "copy"),
                JsonFields.optionalLong(answer, "ranges_replaced", "copy"), JsonFields.optionalLong(answer, "deleted", "copy"),
                answer.path("journaled").asBoolean(false));
    }

    /** Cancels the copy; returns once its thread has stopped (a page in flight has been answered). */
    public void cancelCopy(String id) {
        send("DELETE", "/v2/copies/" + encode(id), null, 204);
    }

    /** Cancels every copy of {@code ref} on this agent; returns once their threads have stopped. */
    public void cancelCopies(QueueRef ref) {
        send("DELETE", "/v2/copies" + query(ref), null, 204);
    }

    /** A page of the partition's queues, of every project, after {@code after} (null: from the start). */
    public CatalogueSourcePage queues(QueueRef after, int limit) {
        String query = "?limit=" + limit + (after == null ? "" : "&after=" + encode(after.key()));
        return CatalogueSourcePage.fromJson(JsonFields.object(send("GET", CatalogueSourcePage.PATH + query, null, 200)));
    }

    private String send(String method, String pathAndQuery, String body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(DEFAULT_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AgentClientException(0, method + " " + base + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentClientException(0, method + " " + base + pathAndQuery + ": interrupted", e);
        }
        if (response.statusCode() != expected) {
            throw new AgentClientException(response.statusCode(), method + " " + base + pathAndQuery + ": "
                    + response.statusCode() + " " + response.body(), null);
        }
        return response.body();
    }

    private static String query(QueueRef ref) {
        return "?project=" + encode(ref.project()) + "&queue=" + encode(ref.queue());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
