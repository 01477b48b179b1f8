package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code qctl catalogue …}: where each queue of a project lives ({@code /v2/catalogue}). */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
        description = "The catalogue: which partition holds each queue of a project.")
final class CatalogueCommand implements Runnable {

    /** Page size of {@code --all} when no {@code --limit} is given. */
    static final int ALL_PAGE_SIZE = 100;

    @ParentCommand
    QctlMain qctl;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: list, show or regenerate");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The project's queues and their partitions, one page (or every page with --all).")
    void list(@Option(names = "--project", required = true, paramLabel = "P", description = "Project id.") String project,
              @Option(names = "--limit", paramLabel = "N", description = "Entries per page (default: the proxy's, 20).")
              Integer limit,
              @Option(names = "--marker", paramLabel = "QUEUE", description = "Start after this queue.") String marker,
              @Option(names = "--all", description = "Follow the pages to the end.") boolean all) {
        if (limit != null && limit <= 0) {
            throw new ParameterException(spec.commandLine(), "--limit: " + limit + " (expected: > 0)");
        }
        AdminClient client = qctl.client();
        ArrayNode entries = JsonNodeFactory.instance.arrayNode();
        Integer pageSize = all && limit == null ? Integer.valueOf(ALL_PAGE_SIZE) : limit;
        JsonNode page = client.get(pagePath(pageSize, marker), project).body();
        page.path("catalogue").forEach(entries::add);
        while (all && !page.path("catalogue").isEmpty()) {
            String last = entries.get(entries.size() - 1).path("queue").asText();
            page = client.get(pagePath(pageSize, last), project).body();
            page.path("catalogue").forEach(entries::add);
        }
        if (qctl.json()) {
            qctl.printJson(all ? JsonNodeFactory.instance.objectNode().set("catalogue", entries) : page);
            return;
        }
        print(project, entries);
        if (!all && !entries.isEmpty() && limit != null && entries.size() >= limit) {
            qctl.println("(more may follow: --marker " + entries.get(entries.size() - 1).path("queue").asText()
                    + " or --all)");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Where one queue lives.")
    void show(@Option(names = "--project", required = true, paramLabel = "P", description = "Project id.") String project,
              @Parameters(paramLabel = "QUEUE", description = "Queue name.") String queue) {
        JsonNode entry = qctl.client().get("/v2/catalogue/" + AdminClient.segment(queue), project).body();
        if (qctl.json()) {
            qctl.printJson(entry);
            return;
        }
        Table.fields()
                .field("queue", Cells.text(entry.get("queue")))
                .field("project", Cells.text(entry.get("project")))
                .field("partition", Cells.text(entry.get("partition")))
                .field("state", Cells.text(entry.get("state")))
                .field("version", Cells.text(entry.get("version")))
                .field("migration", Cells.text(entry.get("migration")))
                .field("created", Cells.text(entry.get("created")))
                .print(qctl.out());
    }

    @Command(name = "regenerate", mixinStandardHelpOptions = true,
            description = {"Rebuild the catalogue from the partitions, each asked through its agent: every queue "
                    + "that one partition holds and the catalogue lacks gets an entry there. Safe on a live fleet "
                    + "and to repeat; queues held by several partitions, or catalogued elsewhere, are only reported.",
                    "Exits 0 when every partition answered and no queue's home is unclear, 5 otherwise."})
    int regenerate() {
        JsonNode report = qctl.client().post("/v2/regenerate", null).body();
        boolean complete = report.path("conflicts").isEmpty() && report.path("failed_partitions").isEmpty();
        if (qctl.json()) {
            qctl.printJson(report);
        } else {
            printReport(report);
        }
        return complete ? 0 : QctlMain.EXIT_INCOMPLETE;
    }

    private void printReport(JsonNode report) {
        Table.fields()
                .field("partitions scanned", Cells.text(report.get("partitions_scanned")))
                .field("entries created", Cells.text(report.get("created")))
                .field("already catalogued", Cells.text(report.get("unchanged")))
                .print(qctl.out());
        if (!report.path("conflicts").isEmpty()) {
            qctl.println("");
            qctl.println("Queues whose home is unclear (left as they are; move or delete the extra copies):");
            Table table = Table.of("PROJECT", "QUEUE", "HELD BY", "CATALOGUED ON");
            report.path("conflicts").forEach(c -> table.row(Cells.text(c.get("project")), Cells.text(c.get("queue")),
                    Cells.list(c.get("claimed_by")), Cells.text(c.get("catalogued"))));
            table.print(qctl.out());
        }
        if (!report.path("failed_partitions").isEmpty()) {
            qctl.println("");
            qctl.println("Partitions that could not be asked (their queues were not looked at; run again once they answer):");
            Table table = Table.of("PARTITION", "WHY");
            report.path("failed_partitions").fields().forEachRemaining(f -> table.row(f.getKey(), f.getValue().asText()));
            table.print(qctl.out());
        }
    }

    private void print(String project, ArrayNode entries) {
        if (entries.isEmpty()) {
            qctl.println("no queues of project " + project + " in the catalogue");
            return;
        }
        Table table = Table.of("QUEUE", "PARTITION", "STATE", "VERSION", "CREATED");
        entries.forEach(e -> table.row(Cells.text(e.get("queue")), Cells.text(e.get("partition")),
                Cells.text(e.get("state")), Cells.text(e.get("version")), Cells.text(e.get("created"))));
        table.print(qctl.out());
    }

    private static String pagePath(Integer limit, String marker) {
        StringBuilder path = new StringBuilder("/v2/catalogue");
        char separator = '?';
        if (limit != null) {
            path.append(separator).append("limit=").append(limit);
            separator = '&';
        }
        if (marker != null) {
            path.append(separator).append("marker=").append(AdminClient.segment(marker));
        }
        return path.toString();
    }
}
