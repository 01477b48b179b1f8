package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The admin API answered with an error (status 400 or more). Carries the Zaqar-shaped
 * {@code title}/{@code description} and a hint saying what the operator can do about it. Exit code 1.
 */
final class AdminApiException extends RuntimeException {

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
        return new AdminApiException(status, title, description, hint(method, path, status));
    }

    static String hint(String method, String path, int status) {
        return switch (status) {
            case 401, 403 -> "check --token or ADMIN_TOKEN (scripts/fleet writes its token to run/fleet/fleet.env; "
                    + "a proxy prints a generated one at start as 'admin-token …')";
            case 404 -> path.startsWith("/v2/catalogue") ? "the queue is not in that project's catalogue: see "
                    + "qctl catalogue list --project P"
                    : path.startsWith("/v2/partitions/") ? "no such partition: see qctl partitions list"
                    : "this admin API has no such route: is --url the proxy's admin listener?";
            case 409 -> method.equals("DELETE") && path.startsWith("/v2/partitions/")
                    ? "the partition still holds queues: drain it (qctl partitions drain NAME) and move its queues "
                    + "first" : "the request conflicts with the current state: look at it and retry";
            case 400 -> "the proxy rejected a value: see the description above and qctl --help";
            case 503 -> "the catalogue is unavailable: check the proxy's catalogue (MongoDB) and its log, then retry";
            default -> status >= 500 ? "the proxy failed: look for the id above in the proxy's log"
                    : "see the description above";
        };
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
