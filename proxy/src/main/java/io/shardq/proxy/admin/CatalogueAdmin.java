package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CataloguePage;
import io.shardq.catalogue.QueueKey;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.http.Responses;

/** {@code /v2/catalogue[/{queue}]} of the project in {@code X-Project-ID}: where each queue lives. */
final class CatalogueAdmin {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int DEFAULT_LIMIT = 20;

    private final Catalogue catalogue;

    CatalogueAdmin(Catalogue catalogue) {
        this.catalogue = requireNonNull(catalogue, "catalogue");
    }

    FullHttpResponse handle(AdminRequest request) {
        if (!request.method().equals("GET")) {
            throw HttpError.methodNotAllowed("GET");
        }
        String queue = request.segment(1);
        if (queue != null) {
            CatalogueEntry entry = catalogue.lookupFresh(QueueKey.of(request.project(), queue))
                    .orElseThrow(() -> HttpError.notFound("Queue " + queue + " of project " + request.project()
                            + " is not in the catalogue"));
            return Responses.json(HttpResponseStatus.OK, view(entry));
        }
        Integer limit = request.query().integer("limit");
        String marker = request.query().get("marker");
        CataloguePage page = catalogue.list(request.project(), marker, limit == null ? DEFAULT_LIMIT : limit);
        ArrayNode items = JSON.arrayNode();
        page.entries().forEach(entry -> items.add(view(entry)));
        ArrayNode links = JSON.arrayNode();
        if (!page.entries().isEmpty()) {
            String last = page.entries().get(page.entries().size() - 1).queue();
            links.addObject().put("rel", "next").put("href", "/v2/catalogue?"
                    + (limit == null ? "" : "limit=" + limit + "&") + "marker=" + last);
        }
        ObjectNode body = JSON.objectNode();
        body.set("catalogue", items);
        body.set("links", links);
        return Responses.json(HttpResponseStatus.OK, body);
    }

    static ObjectNode view(CatalogueEntry entry) {
        ObjectNode view = JSON.objectNode();
        view.put("queue", entry.queue());
        view.put("project", entry.project());
        view.put("partition", entry.partition());
        view.put("state", entry.state().wireName());
        view.put("version", entry.version());
        view.put("migration", entry.migration());
        view.put("created", entry.created().toString());
        view.put("href", "/v2/catalogue/" + entry.queue());
        return view;
    }
}
