package io.shardq.proxy.cli;

/** Migration records as the coordinator's admin API returns them ({@code GET /v2/migrations/{id}}). */
final class MigrationRecords {

    private MigrationRecords() {
    }

    /** A move of {@code project/queue} from p1 to p2; {@code error} null or a text. */
    static String record(String id, String project, String queue, String phase, long copied, long total,
                         String error) {
        return """
                {"id":"%s","project":"%s","queue":"%s","from":"p1","to":"p2","phase":"%s","copied":%d,"total":%d,
                 "pause_ms":%d,"error":%s,"created":"2024-05-01T10:00:00Z","updated":"2024-05-01T10:00:05Z",
                 "href":"/v2/migrations/%s"}""".formatted(id, project, queue, phase, copied, total,
                phase.equals("planned") || phase.equals("copying") ? 0 : 42,
                error == null ? "null" : "\"" + error + "\"", id);
    }

    static String record(String id, String phase, long copied, long total) {
        return record(id, "demo", "orders", phase, copied, total, null);
    }

    static String list(String... records) {
        return "{\"migrations\":[" + String.join(",", records) + "]}";
    }
}
