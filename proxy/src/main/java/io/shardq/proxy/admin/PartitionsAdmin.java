package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionNotFoundException;
import io.shardq.catalogue.PartitionPatch;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.Partitions;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.http.Responses;
import io.shardq.proxy.routing.PartitionDirectory;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/partitions[/{name}]}: list, show (with its queue count), put, patch weight/state, delete. */
final class PartitionsAdmin {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Partitions partitions;
    private final Catalogue catalogue;
    private final PartitionDirectory directory;

    PartitionsAdmin(Partitions partitions, Catalogue catalogue, PartitionDirectory directory) {
        this.partitions = requireNonNull(partitions, "partitions");
        this.catalogue = requireNonNull(catalogue, "catalogue");
        this.directory = requireNonNull(directory, "directory");
    }

    FullHttpResponse handle(AdminRequest request) {
        String name = request.segment(1);
        if (name == null) {
            if (!request.method().equals("GET")) {
                throw HttpError.methodNotAllowed("GET");
            }
            ArrayNode items = JSON.arrayNode();
            partitions.list().forEach(partition -> items.add(view(partition)));
            return Responses.json(HttpResponseStatus.OK, JSON.objectNode().set("partitions", items));
        }
        return switch (request.method()) {
            case "GET" -> show(name);
            case "PUT" -> put(name, request.json());
            case "PATCH" -> patch(name, request.json());
            case "DELETE" -> delete(name);
            default -> throw HttpError.methodNotAllowed("DELETE, GET, PATCH, PUT");
        };
    }

    private FullHttpResponse show(String name) {
        Partition partition = partitions.get(name).orElseThrow(() -> new PartitionNotFoundException(name));
        ObjectNode view = view(partition);
        view.put("queues", catalogue.count(name));
        return Responses.json(HttpResponseStatus.OK, view);
    }

    private FullHttpResponse put(String name, JsonNode body) {
        List<URI> nodes = new ArrayList<>();
        JsonNode nodeList = body.get("nodes");
        if (nodeList == null || !nodeList.isArray()) {
            throw HttpError.invalidBody("nodes: " + nodeList + " (expected: an array of base URIs)");
        }
        nodeList.forEach(node -> nodes.add(uri("nodes", node.asText())));
        JsonNode weight = body.get("weight");
        if (weight == null || !weight.isIntegralNumber()) {
            throw HttpError.invalidBody("weight: " + weight + " (expected: an integer >= 0)");
        }
        URI agent = body.hasNonNull("agent") ? uri("agent", body.get("agent").asText()) : null;
        Map<String, Boolean> capabilities = new LinkedHashMap<>();
        if (body.has("capabilities") && body.get("capabilities").isObject()) {
            body.get("capabilities").fields().forEachRemaining(e -> capabilities.put(e.getKey(), e.getValue().asBoolean()));
        }
        PartitionState state = partitions.get(name).map(Partition::state).orElse(PartitionState.ACTIVE);
        boolean created = partitions.put(new Partition(name, weight.intValue(), nodes, agent, capabilities, state));
        directory.reload();
        return Responses.empty(created ? HttpResponseStatus.CREATED : HttpResponseStatus.NO_CONTENT);
    }

    private FullHttpResponse patch(String name, JsonNode body) {
        Integer weight = body.has("weight") ? Integer.valueOf(body.get("weight").asInt(-1)) : null;
        PartitionState state = body.has("state") ? PartitionState.parse(body.get("state").asText()) : null;
        if (weight == null && state == null) {
            throw HttpError.invalidBody("One of `weight` or `state` needs to be specified");
        }
        Partition patched = partitions.patch(name, PartitionPatch.of(weight, state));
        directory.reload();
        return Responses.json(HttpResponseStatus.OK, view(patched));
    }

    private FullHttpResponse delete(String name) {
        partitions.delete(name);
        directory.reload();
        return Responses.empty(HttpResponseStatus.NO_CONTENT);
    }

    private static URI uri(String field, String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw HttpError.invalidBody(field + ": " + value + " (expected: a base URI such as http://host:port)");
        }
    }

    static ObjectNode view(Partition partition) {
        ObjectNode view = JSON.objectNode();
        view.put("name", partition.name());
        view.put("weight", partition.weight());
        ArrayNode nodes = view.putArray("nodes");
        partition.nodes().forEach(node -> nodes.add(node.toString()));
        view.put("agent", partition.agent() == null ? null : partition.agent().toString());
        ObjectNode capabilities = view.putObject("capabilities");
        partition.capabilities().forEach(capabilities::put);
        view.put("state", partition.state().wireName());
        view.put("href", "/v2/partitions/" + partition.name());
        return view;
    }
}
