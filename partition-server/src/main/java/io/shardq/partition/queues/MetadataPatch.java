package io.shardq.partition.queues;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.common.zaqar.HttpError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A validated queue-metadata JSON patch ({@code application/openstack-messaging-v2.0-json-patch}), as
 * Zaqar's {@code queue_patching} reads it: ops add, replace, remove on {@code /metadata/<key>}.
 */
public final class MetadataPatch {

    public static final String CONTENT_TYPE = "application/openstack-messaging-v2.0-json-patch";
    private static final List<String> OPS = List.of("add", "remove", "replace");
    private static final Pattern ADJACENT_SLASHES = Pattern.compile("/\\s*?/");
    private static final Pattern BAD_TILDE = Pattern.compile("~[^01]");

    private final List<Change> changes;

    private MetadataPatch(List<Change> changes) {
        this.changes = changes;
    }

    private record Change(String op, List<String> path, JsonNode value) {
    }

    /** Validates {@code document} (already known to be an array); 400 "Invalid request body" on errors. */
    public static MetadataPatch parse(ArrayNode document) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode raw : document) {
            if (!raw.isObject()) {
                throw HttpError.invalidBody("Operations must be JSON objects.");
            }
            String op = operation(raw);
            JsonNode pathNode = raw.get("path");
            if (pathNode == null) {
                throw HttpError.invalidBody("Unable to find 'path' in JSON Schema change");
            }
            List<String> path = decodePointer(pathNode.isTextual() ? pathNode.textValue() : pathNode.toString());
            if (path.size() != 2) {
                throw HttpError.invalidBody("Invalid JSON pointer for this resource: '/" + String.join("/", path)
                        + ", e.g /metadata/key'");
            }
            JsonNode value = null;
            if (!op.equals("remove")) {
                value = raw.get("value");
                if (value == null) {
                    throw HttpError.invalidBody("Operation \"" + op + "\" requires a member named \"value\".");
                }
                if (!path.get(0).equalsIgnoreCase("metadata")) {
                    throw HttpError.invalidBody("The root of path must be metadata, e.g /metadata/key.");
                }
            }
            changes.add(new Change(op, path, value));
        }
        return new MetadataPatch(changes);
    }

    private static String operation(JsonNode raw) {
        JsonNode op = raw.get("op");
        String available = String.join(", ", OPS);
        if (op == null || op.isNull()) {
            throw HttpError.invalidBody("Unable to find `op` in JSON Schema change. It must be one of the following: "
                    + available + ".");
        }
        String text = op.isTextual() ? op.textValue() : op.toString();
        if (!OPS.contains(text)) {
            throw HttpError.invalidBody("Invalid operation: `" + text + "`. It must be one of the following: "
                    + available + ".");
        }
        return text;
    }

    private static List<String> decodePointer(String pointer) {
        if (!pointer.startsWith("/")) {
            throw HttpError.invalidBody("Pointer `" + pointer + "` does not start with \"/\".");
        }
        if (ADJACENT_SLASHES.matcher(pointer.substring(1)).find()) {
            throw HttpError.invalidBody("Pointer `" + pointer + "` contains adjacent \"/\".");
        }
        if (pointer.length() > 1 && pointer.endsWith("/")) {
            throw HttpError.invalidBody("Pointer `" + pointer + "` end with \"/\".");
        }
        if (pointer.substring(1).strip().equals("/")) {
            throw HttpError.invalidBody("Pointer `" + pointer + "` does not contains valid token.");
        }
        if (BAD_TILDE.matcher(pointer).find() || pointer.endsWith("~")) {
            throw HttpError.invalidBody("Pointer `" + pointer + "` contains \"~\" not part of a recognized escape sequence.");
        }
        List<String> parts = new ArrayList<>();
        for (String part : pointer.replaceFirst("^/+", "").split("/", -1)) {
            parts.add(part.replace("~1", "/").replace("~0", "~").strip());
        }
        return parts;
    }

    /** Applies the changes to {@code metadata} in place; 409 for replace/remove of a missing key. */
    public void apply(ObjectNode metadata, ReservedMetadata reserved) {
        for (Change change : changes) {
            String key = change.path().get(1);
            switch (change.op()) {
                case "add" -> metadata.set(key, change.value());
                case "replace" -> {
                    if (!metadata.has(key) && !reserved.isReserved(key)) {
                        throw HttpError.conflict("Can't replace non-existent object " + key + ".");
                    }
                    metadata.set(key, change.value());
                }
                default -> {
                    if (metadata.has(key)) {
                        metadata.remove(key);
                    } else if (!reserved.isReserved(key)) {
                        throw HttpError.conflict("Can't remove non-existent object " + key + ".");
                    }
                }
            }
        }
    }
}
