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
        throw new ParameterException(spec.commandLine(), "Missing command: list or show");
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
