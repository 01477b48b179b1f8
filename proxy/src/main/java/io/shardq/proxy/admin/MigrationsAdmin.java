package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.QueueKey;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.http.Responses;
import io.shardq.proxy.migration.MigrationCoordinator;
import java.util.Set;

/**
 * {@code /v2/migrations[/{id}]}: start ({@code POST {"project","queue","to"?}}), list ({@code ?active=true},
 * {@code ?partition=NAME}), show and cancel ({@code DELETE}) queue migrations.
 */
final class MigrationsAdmin {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> START_FIELDS = Set.of("project", "queue", "to");

    private final MigrationCoordinator coordinator;

    MigrationsAdmin(MigrationCoordinator coordinator) {
        this.coordinator = requireNonNull(coordinator, "coordinator");
    }

    FullHttpResponse handle(AdminRequest request) {
        String id = request.segment(1);
        if (request.segments().length > 2) {
            throw HttpError.routeNotFound();
        }
        if (id == null) {
            return switch (request.method()) {
                case "GET" -> list(request);
                case "POST" -> start(request);
                default -> throw HttpError.methodNotAllowed("GET, POST");
            };
        }
        return switch (request.method()) {
            case "GET" -> Responses.json(HttpResponseStatus.OK, view(coordinator.get(id).orElseThrow(() ->
                    HttpError.notFound("Migration " + id + " does not exist."))));
            case "DELETE" -> {
                coordinator.cancel(id, "cancelled by an operator");
                yield Responses.empty(HttpResponseStatus.NO_CONTENT);
            }
            default -> throw HttpError.methodNotAllowed("GET, DELETE");
        };
    }

    private FullHttpResponse start(AdminRequest request) {
        JsonNode body = request.json();
        body.fieldNames().forEachRemaining(field -> {
            if (!START_FIELDS.contains(field)) {
                throw HttpError.invalidBody("Unknown field " + field + " (expected: project, queue, to).");
            }
        });
        String project = text(body, "project", false);
        String queue = text(body, "queue", true);
        String to = text(body, "to", false);
        MigrationRecord record = coordinator.start(QueueKey.of(project, queue), to);
        ObjectNode answer = JSON.objectNode().put("id", record.id()).put("href", href(record));
        return Responses.json(HttpResponseStatus.ACCEPTED, answer);
    }

    private FullHttpResponse list(AdminRequest request) {
        String active = request.query().get("active");
        if (active != null && !active.equals("true") && !active.equals("false")) {
            throw HttpError.of(HttpResponseStatus.BAD_REQUEST, "Invalid query string parameter",
                    "active: " + active + " (expected: true or false)");
        }
        String partition = request.query().get("partition");
        ArrayNode items = JSON.arrayNode();
        coordinator.list("true".equals(active)).stream()
                .filter(record -> partition == null || partition.equals(record.from()) || partition.equals(record.to()))
                .forEach(record -> items.add(view(record)));
        ObjectNode body = JSON.objectNode();
        body.set("migrations", items);
        return Responses.json(HttpResponseStatus.OK, body);
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw HttpError.invalidBody("Missing field " + field + ".");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw HttpError.invalidBody(field + ": " + value + " (expected: a string).");
        }
        return value.asText();
    }

    static ObjectNode view(MigrationRecord record) {
        ObjectNode view = JSON.objectNode();
        view.put("id", record.id());
        view.put("project", record.key().project());
        view.put("queue", record.key().queue());
        view.put("from", record.from());
        view.put("to", record.to());
        view.put("phase", record.phase().wireName());
        view.put("copied", record.copied());
        view.put("total", record.total());
        view.put("pause_ms", record.pauseMs());
        view.put("error", record.error());
        view.put("owner", record.owner());
        view.put("created", record.created().toString());
        view.put("updated", record.updated().toString());
        view.put("href", href(record));
        return view;
    }

    private static String href(MigrationRecord record) {
        return "/v2/migrations/" + record.id();
    }
}
