package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;

/**
 * A migration record of the admin API ({@code GET /v2/migrations/{id}}) as people read it: its phase,
 * a table row, a field list, one progress line.
 */
final class MigrationView {

    /** Phases after which nothing changes any more. */
    static final Set<String> TERMINAL = Set.of("done", "cancelled", "failed");

    private MigrationView() {
    }

    static String phase(JsonNode migration) {
        return migration.path("phase").asText("");
    }

    static boolean finished(JsonNode migration) {
        return TERMINAL.contains(phase(migration));
    }

    static boolean succeeded(JsonNode migration) {
        return phase(migration).equals("done");
    }

    /** {@code project/queue}; the no-project namespace prints as {@code /queue}. */
    static String queue(JsonNode migration) {
        return migration.path("project").asText("") + "/" + migration.path("queue").asText("");
    }

    /** {@code 1200/5000}, or {@code 1200/?} while the total is not known yet. */
    static String copied(JsonNode migration) {
        JsonNode total = migration.get("total");
        return migration.path("copied").asLong(0) + "/" + (total == null || total.isNull() ? "?" : total.asText());
    }

    /** {@code copying 1200/5000, writes paused 0 ms}, plus the error when there is one. */
    static String progress(JsonNode migration) {
        String line = phase(migration) + " " + copied(migration) + ", writes paused "
                + migration.path("pause_ms").asLong(0) + " ms";
        return migration.hasNonNull("error") ? line + ", error: " + migration.get("error").asText() : line;
    }

    static Table table() {
        return Table.of("ID", "QUEUE", "FROM", "TO", "PHASE", "COPIED", "PAUSE_MS", "UPDATED", "ERROR");
    }

    static void row(Table table, JsonNode m) {
        table.row(Cells.text(m.get("id")), queue(m), Cells.text(m.get("from")), Cells.text(m.get("to")),
                Cells.text(m.get("phase")), copied(m), Cells.text(m.get("pause_ms")), Cells.text(m.get("updated")),
                Cells.text(m.get("error")));
    }

    static void printFields(PrintWriter out, JsonNode m) {
        Table.fields()
                .field("id", Cells.text(m.get("id")))
                .field("queue", queue(m))
                .field("from", Cells.text(m.get("from")))
                .field("to", Cells.text(m.get("to")))
                .field("phase", Cells.text(m.get("phase")))
                .field("copied", copied(m))
                .field("pause_ms", Cells.text(m.get("pause_ms")))
                .field("error", Cells.text(m.get("error")))
                .field("created", Cells.text(m.get("created")))
                .field("updated", Cells.text(m.get("updated")))
                .print(out);
    }
}
