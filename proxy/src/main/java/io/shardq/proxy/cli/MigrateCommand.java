package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code qctl migrate PROJECT/QUEUE}: starts a live move of one queue ({@code POST /v2/migrations}) and,
 * with {@code --wait}, follows it to its end by polling {@code GET /v2/migrations/{id}}.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Moves a queue to another partition while it stays in use (copy, freeze, delta, thaw).",
                "Prints the migration's id; --wait follows it to the end, with a progress bar at a terminal",
                "(phase, messages copied/total, writes paused so far), else prints the final record."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:started (with --wait: done)",
                "1:the admin API refused (unknown queue or partition, a migration already runs), or with --wait "
                        + "the migration failed or was cancelled", "2:usage error", "3:cannot reach the admin API"})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    QctlMain qctl;

    @Parameters(paramLabel = "PROJECT/QUEUE", converter = QueueName.Converter.class,
            description = "The queue: its project, a slash and its name; /QUEUE for the no-project namespace.")
    QueueName queue;

    @Option(names = "--to", paramLabel = "PARTITION",
            description = "Destination partition (default: the proxy picks one by weight).")
    String to;

    @Option(names = "--wait", description = "Follow the migration until it ends: exit 0 when done, 1 when it failed "
            + "or was cancelled.")
    boolean wait;

    @Override
    public Integer call() {
        AdminClient client = qctl.client();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("project", queue.project()).put("queue", queue.queue());
        if (to != null) {
            body.put("to", to);
        }
        JsonNode started = client.post("/v2/migrations", body).body();
        String id = started.path("id").asText();
        if (!qctl.json()) {
            qctl.println("migration " + id + " started: " + queue + " to " + (to == null ? "a partition picked by "
                    + "weight" : to));
        }
        if (!wait) {
            if (qctl.json()) {
                qctl.printJson(started);
            } else {
                qctl.println("follow it: qctl migrations show " + id + "   (or run qctl migrate with --wait)");
            }
            return 0;
        }
        return report(follow(client, id));
    }

    /** Polls the migration until it is done, cancelled or failed; returns its last record. */
    private JsonNode follow(AdminClient client, String id) {
        JsonNode migration = client.get(MigrationsCommand.path(id), null).body();
        String task = MigrationView.queue(migration) + " " + migration.path("from").asText("?") + "->"
                + migration.path("to").asText("?");
        try (Progress progress = qctl.progress(task, " msg")) {
            while (true) {
                progress.show(migration.path("copied").asLong(0), migration.path("total").asLong(0),
                        MigrationView.phase(migration) + ", paused " + migration.path("pause_ms").asLong(0) + " ms");
                if (MigrationView.finished(migration)) {
                    return migration;
                }
                QctlMain.pause(qctl.poll());
                migration = client.get(MigrationsCommand.path(id), null).body();
            }
        }
    }

    private int report(JsonNode migration) {
        if (qctl.json()) {
            qctl.printJson(migration);
        } else if (qctl.showsProgress()) {
            qctl.println(MigrationView.phase(migration) + ": " + MigrationView.queue(migration) + " "
                    + migration.path("from").asText("?") + " -> " + migration.path("to").asText("?") + ", "
                    + MigrationView.copied(migration) + " message(s) copied, writes paused "
                    + migration.path("pause_ms").asLong(0) + " ms");
        } else {
            MigrationView.printFields(qctl.out(), migration);
        }
        if (MigrationView.succeeded(migration)) {
            return 0;
        }
        PrintWriter err = qctl.err();
        err.println("error: migration " + migration.path("id").asText() + " of " + MigrationView.queue(migration)
                + " " + MigrationView.phase(migration) + ": " + Cells.text(migration.get("error")));
        err.println("hint: " + failureHint(migration));
        err.flush();
        return QctlMain.EXIT_API_ERROR;
    }

    static String failureHint(JsonNode migration) {
        String where = "the queue stays on " + migration.path("from").asText("its partition");
        String again = "qctl migrate " + MigrationView.queue(migration);
        return MigrationView.phase(migration).equals("cancelled")
                ? "it was cancelled (qctl migrations cancel, or the queue was deleted) and rolled back: " + where
                + "; to move it anyway: " + again
                : "it was rolled back: " + where + "; see the error above and the proxy's log, then retry: " + again;
    }
}
