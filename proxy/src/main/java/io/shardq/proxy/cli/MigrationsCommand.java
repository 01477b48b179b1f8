package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code qctl migrations …}: the moves of queues between partitions ({@code /v2/migrations}). */
@Command(name = "migrations", mixinStandardHelpOptions = true,
        description = "Migrations (moves of queues between partitions): list, show, cancel. Start one with qctl migrate.")
final class MigrationsCommand implements Runnable {

    @ParentCommand
    QctlMain qctl;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: list, show or cancel");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Migrations, oldest first.")
    void list(@Option(names = "--active", description = "Only those not finished (not done, cancelled or failed).")
              boolean active,
              @Option(names = "--partition", paramLabel = "NAME", description = "Only those from or to this partition.")
              String partition) {
        JsonNode body = qctl.client().get(listPath(active, partition), null).body();
        if (qctl.json()) {
            qctl.printJson(body);
            return;
        }
        if (body.path("migrations").isEmpty()) {
            qctl.println("no " + (active ? "active " : "") + "migrations" + (partition == null ? ""
                    : " from or to partition " + partition) + "; start one: qctl migrate PROJECT/QUEUE [--to PARTITION]");
            return;
        }
        Table table = MigrationView.table();
        body.path("migrations").forEach(migration -> MigrationView.row(table, migration));
        table.print(qctl.out());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One migration: phase, counters, error.")
    void show(@Parameters(paramLabel = "ID", description = "Migration id (qctl migrations list).") String id) {
        JsonNode migration = qctl.client().get(path(id), null).body();
        if (qctl.json()) {
            qctl.printJson(migration);
            return;
        }
        MigrationView.printFields(qctl.out(), migration);
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancels a migration: it rolls back and the queue stays where it was.",
                    "Refused (409) once the queue has switched partitions (thawed) or the migration has finished."})
    void cancel(@Parameters(paramLabel = "ID", description = "Migration id (qctl migrations list).") String id) {
        AdminClient client = qctl.client();
        client.delete(path(id));
        if (qctl.json()) {
            qctl.printJson(client.get(path(id), null).body());
            return;
        }
        qctl.println("migration " + id + ": cancel requested; it rolls back (cancelling, then cancelled).");
        qctl.println("follow it: qctl migrations show " + id);
    }

    static String path(String id) {
        return "/v2/migrations/" + AdminClient.segment(id);
    }

    static String listPath(boolean active, String partition) {
        StringBuilder path = new StringBuilder("/v2/migrations");
        char separator = '?';
        if (partition != null) {
            path.append(separator).append("partition=").append(AdminClient.segment(partition));
            separator = '&';
        }
        if (active) {
            path.append(separator).append("active=true");
        }
        return path.toString();
    }
}
