package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin API answered with an error (status 400 or more). Carries the Zaqar-shaped
 * {@code title}/{@code description} and a hint saying what the operator can do about it. Exit code 1.
 */
final class AdminApiException extends RuntimeException {

    /** The proxy's answer to a path it has no route for: title {@value}, no description. */
    static final String ROUTE_NOT_FOUND = "404 Not Found";

    private final int status;
    private final String title;
    private final String description;
    private final String hint;

    AdminApiException(int status, String title, String description, String hint) {
        super(status + " " + title + ": " + description);
        this.status = status;
        this.title = title;
        this.description = description;
        this.hint = hint;
    }

    /** Reads the Zaqar error body of an answer to {@code method path}; any other body is quoted as is. */
    static AdminApiException of(String method, String path, int status, String body) {
        String title = "HTTP " + status;
        String description = body == null || body.isBlank() ? "(no body)" : AdminClient.abbreviate(body);
        try {
            JsonNode json = AdminClient.parse(body);
            if (json.hasNonNull("title")) {
                title = json.get("title").asText();
                description = json.path("description").asText("");
            }
        } catch (AdminApiException notJson) {
            // keep the raw text
        }
        String hint = status == 404 && title.equals(ROUTE_NOT_FOUND) ? noSuchRoute(path) : hint(method, path, status);
        return new AdminApiException(status, title, description, hint);
    }

    static String hint(String method, String path, int status) {
        return switch (status) {
            case 401, 403 -> "check --token or ADMIN_TOKEN (scripts/fleet writes its token to run/fleet/fleet.env; "
                    + "a proxy prints a generated one at start as 'admin-token …')";
            case 404 -> notFound(method, path);
            case 409 -> conflict(method, path);
            case 400 -> "the proxy rejected a value: see the description above and qctl --help";
            case 503 -> "the catalogue is unavailable: check the proxy's catalogue (MongoDB) and its log, then retry";
            default -> status >= 500 ? "the proxy failed: look for the id above in the proxy's log"
                    : "see the description above";
        };
    }

    private static String noSuchRoute(String path) {
        return path.startsWith("/v2/migrations") ? "this proxy has no migrations API: it predates the migration "
                + "coordinator; upgrade it (or is --url another service?)"
                : "this admin API has no such route: is --url the proxy's admin listener?";
    }

    private static String notFound(String method, String path) {
        if (path.startsWith("/v2/catalogue")) {
            return "the queue is not in that project's catalogue: see qctl catalogue list --project P";
        }
        if (path.startsWith("/v2/partitions/")) {
            return "no such partition: see qctl partitions list";
        }
        if (method.equals("POST") && path.equals("/v2/migrations")) {
            return "no such queue or partition: see qctl catalogue show --project P QUEUE and qctl partitions list";
        }
        if (path.startsWith("/v2/migrations/")) {
            return "no such migration: see qctl migrations list";
        }
        return "this admin API has no such route: is --url the proxy's admin listener?";
    }

    private static String conflict(String method, String path) {
        if (method.equals("DELETE") && path.startsWith("/v2/partitions/")) {
            return "the partition still holds queues: drain it first (qctl partitions drain NAME --wait)";
        }
        if (method.equals("POST") && path.equals("/v2/migrations")) {
            return "a migration already runs for this queue: see qctl migrations list --active; wait for it or "
                    + "cancel it (qctl migrations cancel ID)";
        }
        if (method.equals("DELETE") && path.startsWith("/v2/migrations/")) {
            String id = path.substring("/v2/migrations/".length());
            return "it can no longer be rolled back: the queue already switched partitions (thawed) or the migration "
                    + "ended; see qctl migrations show " + id + "; to move the queue back: qctl migrate PROJECT/QUEUE "
                    + "--to FROM";
        }
        return "the request conflicts with the current state: look at it and retry";
    }

    /** {@code 409 Conflict: description}; the status is not repeated when the title starts with it. */
    String headline() {
        String head = title.startsWith(status + " ") ? title : status + " " + title;
        return description == null || description.isBlank() ? head : head + ": " + description;
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String description() {
        return description;
    }

    String hint() {
        return hint;
    }
}
