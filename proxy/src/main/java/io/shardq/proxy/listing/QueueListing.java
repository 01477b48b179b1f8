package io.shardq.proxy.listing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CataloguePage;
import io.shardq.common.json.Json;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.common.zaqar.QueryStrings;
import io.shardq.proxy.forward.Forwarder;
import io.shardq.proxy.forward.UpstreamRequest;
import io.shardq.proxy.http.Responses;
import io.shardq.proxy.routing.PartitionDirectory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * {@code GET /v2/queues} across every partition: one stream in byte order of names from the catalogue,
 * with Zaqar's marker, limit, links and count; {@code detailed=true} asks each queue's partition for its
 * metadata. Queues moving between partitions stay listed once, since the catalogue holds one entry each.
 */
public final class QueueListing {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int DEFAULT_LIMIT = 10;

    private final Catalogue catalogue;
    private final PartitionDirectory directory;
    private final Forwarder forwarder;
    private final Executor blocking;
    private final int maxPerPage;

    public QueueListing(Catalogue catalogue, PartitionDirectory directory, Forwarder forwarder, Executor blocking,
                        int maxPerPage) {
        this.catalogue = requireNonNull(catalogue, "catalogue");
        this.directory = requireNonNull(directory, "directory");
        this.forwarder = requireNonNull(forwarder, "forwarder");
        this.blocking = requireNonNull(blocking, "blocking");
        this.maxPerPage = maxPerPage;
    }

    public CompletionStage<FullHttpResponse> list(String path, QueryParams query, String project,
                                                  UpstreamRequest upstream) {
        Map<String, Object> echo = new LinkedHashMap<>();
        String marker = query.get("marker");
        put(echo, "marker", marker);
        Integer limit = query.integer("limit");
        put(echo, "limit", limit);
        Boolean detailed = query.bool("detailed");
        put(echo, "detailed", detailed);
        put(echo, "name", query.get("name"));
        Boolean withCount = query.bool("with_count");
        put(echo, "with_count", withCount);
        if (limit != null && (limit <= 0 || limit > maxPerPage)) {
            throw HttpError.invalidApiRequest("Limit must be at least 1 and no greater than " + maxPerPage + ".");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        return CompletableFuture.supplyAsync(() -> new Listed(catalogue.list(project, marker, size),
                Boolean.TRUE.equals(withCount) ? count(project) : 0), blocking)
                .thenCompose(listed -> render(path, listed, Boolean.TRUE.equals(detailed), echo, upstream));
    }

    private record Listed(CataloguePage page, long count) {
    }

    private long count(String project) {
        long total = 0;
        String next = null;
        do {
            CataloguePage page = catalogue.list(project, next, CataloguePage.MAX_LIMIT);
            total += page.entries().size();
            next = page.next();
        } while (next != null);
        return total;
    }

    private CompletionStage<FullHttpResponse> render(String path, Listed listed, boolean detailed,
                                                     Map<String, Object> echo, UpstreamRequest upstream) {
        List<CatalogueEntry> entries = listed.page().entries();
        List<CompletableFuture<ObjectNode>> items = new ArrayList<>();
        String version = path.substring(0, path.lastIndexOf('/'));
        for (CatalogueEntry entry : entries) {
            ObjectNode item = JSON.objectNode().put("name", entry.queue()).put("href", path + "/" + entry.queue());
            items.add(detailed ? metadata(entry, version, upstream).thenApply(m -> (ObjectNode) item.set("metadata", m))
                    .toCompletableFuture() : CompletableFuture.completedFuture(item));
        }
        return CompletableFuture.allOf(items.toArray(CompletableFuture[]::new)).thenApply(done -> {
            ArrayNode queues = JSON.arrayNode();
            items.forEach(item -> queues.add(item.join()));
            ArrayNode links = JSON.arrayNode();
            if (!entries.isEmpty()) {
                echo.put("marker", entries.get(entries.size() - 1).queue());
                links.addObject().put("rel", "next").put("href", path + QueryStrings.of(echo));
            }
            ObjectNode body = JSON.objectNode();
            body.set("queues", queues);
            body.set("links", links);
            if (listed.count() > 0) {
                body.put("count", listed.count());
            }
            return Responses.json(HttpResponseStatus.OK, body);
        });
    }

    private CompletionStage<JsonNode> metadata(CatalogueEntry entry, String version, UpstreamRequest upstream) {
        return directory.get(entry.partition())
                .map(partition -> forwarder.send(partition, upstream.with(HttpMethod.GET,
                        version + "/queues/" + entry.queue()), true).thenApply(QueueListing::bodyOf))
                .orElseGet(() -> CompletableFuture.completedFuture(JSON.objectNode()));
    }

    private static JsonNode bodyOf(FullHttpResponse answer) {
        try {
            byte[] bytes = new byte[answer.content().readableBytes()];
            answer.content().readBytes(bytes);
            return answer.status().code() == 200 ? Json.mapper().readTree(bytes) : JSON.objectNode();
        } catch (IOException e) {
            return JSON.objectNode();
        } finally {
            answer.release();
        }
    }

    private static void put(Map<String, Object> params, String name, Object value) {
        if (value != null) {
            params.put(name, value);
        }
    }
}
