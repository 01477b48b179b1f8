package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.Partition;
import io.shardq.proxy.http.Responses;
import io.shardq.proxy.routing.PartitionDirectory;
import io.shardq.proxy.upstream.Upstreams;

/** {@code GET /v2/health}: every partition with each node's health as this proxy sees it, and the catalogue's. */
final class HealthAdmin {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PartitionDirectory directory;
    private final Upstreams upstreams;
    private final CatalogueStore store;

    HealthAdmin(PartitionDirectory directory, Upstreams upstreams, CatalogueStore store) {
        this.directory = requireNonNull(directory, "directory");
        this.upstreams = requireNonNull(upstreams, "upstreams");
        this.store = requireNonNull(store, "store");
    }

    FullHttpResponse handle(AdminRequest request) {
        ObjectNode body = JSON.objectNode();
        body.put("catalogue_cache_trusted", store.isLocalCacheTrusted());
        ArrayNode partitions = body.putArray("partitions");
        boolean allServing = true;
        for (Partition partition : directory.all()) {
            ObjectNode view = partitions.addObject();
            view.put("name", partition.name());
            view.put("state", partition.state().wireName());
            view.put("weight", partition.weight());
            ArrayNode nodes = view.putArray("nodes");
            boolean anyHealthy = false;
            for (var uri : partition.nodes()) {
                Upstreams.Node node = upstreams.node(uri);
                boolean healthy = node.health().isHealthy();
                anyHealthy |= healthy;
                nodes.addObject().put("uri", uri.toString()).put("healthy", healthy)
                        .put("consecutive_failures", node.health().consecutiveFailures());
            }
            view.put("serving", anyHealthy);
            allServing &= anyHealthy;
        }
        body.put("healthy", allServing);
        return Responses.json(HttpResponseStatus.OK, body);
    }
}
