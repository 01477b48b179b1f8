package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.CatalogueStore;
import io.shardq.catalogue.PartitionQueueSource;
import io.shardq.catalogue.RegenerationReport;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.http.Responses;

/**
 * {@code POST /v2/regenerate}: rebuilds the catalogue from the partitions (each asked through its agent),
 * for recovering a lost catalogue database or a queue left without an entry. Insert-if-absent, so it is safe
 * on a live fleet and to run again; queues that several partitions hold, or that the catalogue places
 * elsewhere, are reported for the operator and left alone.
 */
final class RegenerationAdmin {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final CatalogueStore store;
    private final PartitionQueueSource source;

    RegenerationAdmin(CatalogueStore store, PartitionQueueSource source) {
        this.store = requireNonNull(store, "store");
        this.source = requireNonNull(source, "source");
    }

    FullHttpResponse handle(AdminRequest request) {
        if (request.segments().length != 1) {
            throw HttpError.routeNotFound();
        }
        if (!request.method().equals("POST")) {
            throw HttpError.methodNotAllowed("POST");
        }
        return Responses.json(HttpResponseStatus.OK, view(store.regenerator(source).regenerate()));
    }

    static ObjectNode view(RegenerationReport report) {
        ObjectNode view = JSON.objectNode();
        view.put("partitions_scanned", report.partitionsScanned());
        view.put("created", report.created());
        view.put("unchanged", report.unchanged());
        ArrayNode conflicts = view.putArray("conflicts");
        report.conflicts().forEach(conflict -> {
            ObjectNode item = conflicts.addObject()
                    .put("project", conflict.key().project())
                    .put("queue", conflict.key().queue())
                    .put("catalogued", conflict.catalogued());
            conflict.claimedBy().forEach(item.putArray("claimed_by")::add);
        });
        ObjectNode failed = view.putObject("failed_partitions");
        report.failedPartitions().forEach(failed::put);
        return view;
    }
}
