package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code qctl partitions …}: the partitions registry ({@code /v2/partitions}). */
@Command(name = "partitions", mixinStandardHelpOptions = true,
        description = "Partitions: list, show, add, set-weight, drain, remove.")
final class PartitionsCommand implements Runnable {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @ParentCommand
    QctlMain qctl;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing command: list, show, add, set-weight, drain or remove");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every partition: weight, state, nodes, agent, capabilities.")
    void list() {
        JsonNode body = qctl.client().get("/v2/partitions", null).body();
        if (qctl.json()) {
            qctl.printJson(body);
            return;
        }
        if (body.path("partitions").isEmpty()) {
            qctl.println("no partitions yet; add one: qctl partitions add NAME --weight 1 --node http://HOST:PORT");
            return;
        }
        Table table = Table.of("NAME", "WEIGHT", "STATE", "NODES", "AGENT", "CAPABILITIES");
        body.path("partitions").forEach(p -> table.row(Cells.text(p.get("name")), Cells.text(p.get("weight")),
                Cells.text(p.get("state")), Cells.list(p.path("nodes")), Cells.text(p.get("agent")),
                Cells.pairs(p.path("capabilities"))));
        table.print(qctl.out());
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One partition, with its queue count.")
    void show(@Parameters(paramLabel = "NAME", description = "Partition name.") String name) {
        JsonNode partition = qctl.client().get(path(name), null).body();
        if (qctl.json()) {
            qctl.printJson(partition);
            return;
        }
        Table.fields()
                .field("name", Cells.text(partition.get("name")))
                .field("state", Cells.text(partition.get("state")))
                .field("weight", Cells.text(partition.get("weight")))
                .field("nodes", Cells.list(partition.path("nodes")))
                .field("agent", Cells.text(partition.get("agent")))
                .field("capabilities", Cells.pairs(partition.path("capabilities")))
                .field("queues", Cells.text(partition.get("queues")))
                .print(qctl.out());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Registers a partition (PUT): its weight and partition-server nodes.",
                    "Run again to replace weight, nodes, agent and capabilities; the state is kept."})
    void add(@Parameters(paramLabel = "NAME", description = "Partition name.") String name,
             @Option(names = "--weight", required = true, paramLabel = "W",
                     description = "Share of new queues (0 = takes none).") int weight,
             @Option(names = "--node", required = true, paramLabel = "URL",
                     description = "Base URL of a partition-server node; repeat for each node.") List<String> nodes,
             @Option(names = "--agent", paramLabel = "URL", description = "Base URL of its migration agent.") String agent,
             @Option(names = "--capability", paramLabel = "KEY=true|false",
                     description = "A capability such as fifo=true; repeatable.") Map<String, Boolean> capabilities) {
        ObjectNode body = JSON.objectNode().put("weight", weight(weight));
        nodes.forEach(node -> body.withArray("nodes").add(qctl.httpUri("--node", node).toString()));
        if (agent != null) {
            body.put("agent", qctl.httpUri("--agent", agent).toString());
        }
        ObjectNode caps = body.putObject("capabilities");
        if (capabilities != null) {
            capabilities.forEach(caps::put);
        }
        AdminClient client = qctl.client();
        int status = client.put(path(name), body).status();
        if (qctl.json()) {
            qctl.printJson(client.get(path(name), null).body());
            return;
        }
        qctl.println("partition " + name + (status == 201 ? " added" : " replaced") + ": weight " + weight
                + ", nodes " + String.join(",", nodes) + (agent == null ? ", no agent" : ", agent " + agent));
    }

    @Command(name = "set-weight", mixinStandardHelpOptions = true,
            description = "Sets a partition's share of new queues (0 = takes none).")
    void setWeight(@Parameters(paramLabel = "NAME", description = "Partition name.") String name,
                   @Parameters(paramLabel = "W", description = "Weight, 0 or more.") int weight) {
        JsonNode partition = qctl.client().patch(path(name), JSON.objectNode().put("weight", weight(weight))).body();
        if (qctl.json()) {
            qctl.printJson(partition);
            return;
        }
        qctl.println("partition " + name + ": weight " + Cells.text(partition.get("weight")) + ", state "
                + Cells.text(partition.get("state")));
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = {"Empties a partition: weight 0 and state draining, so it takes no new queues and the",
                    "proxies move its queues to other partitions, a few at a time (migrations).",
                    "--wait follows the moves until it holds no queue (exit 0), or until one of them failed (exit 1)."})
    int drain(@Parameters(paramLabel = "NAME", description = "Partition name.") String name,
              @Option(names = "--wait", description = "Follow the drain until the partition holds no queue.") boolean wait) {
        AdminClient client = qctl.client();
        client.patch(path(name), JSON.objectNode().put("weight", 0).put("state", "draining"));
        JsonNode partition = client.get(path(name), null).body();
        if (!wait) {
            if (qctl.json()) {
                qctl.printJson(partition);
                return 0;
            }
            qctl.println("partition " + name + " is draining: weight 0, it takes no new queues.");
            qctl.println("The proxies now move its " + Cells.text(partition.get("queues")) + " queue(s) to other "
                    + "partitions, a few at a time.");
            qctl.println("follow it: qctl partitions drain " + name + " --wait   (or qctl migrations list --partition "
                    + name + " --active)");
            return 0;
        }
        if (!qctl.json()) {
            qctl.println("partition " + name + " is draining: weight 0; waiting until its queues have moved.");
        }
        List<JsonNode> failed = new DrainWatch(qctl, client, name).follow(partition);
        return failed.isEmpty() ? drained(client, name) : drainFailed(name, failed);
    }

    private int drained(AdminClient client, String name) {
        if (qctl.json()) {
            qctl.printJson(client.get(path(name), null).body());
        } else {
            qctl.println("partition " + name + " drained: it holds no queues; remove it with: qctl partitions remove "
                    + name);
        }
        return 0;
    }

    private int drainFailed(String name, List<JsonNode> failed) {
        if (qctl.json()) {
            qctl.printJson(JSON.objectNode().set("migrations", JSON.arrayNode().addAll(failed)));
        }
        PrintWriter err = qctl.err();
        for (JsonNode migration : failed) {
            err.println("error: migration " + migration.path("id").asText() + " of " + MigrationView.queue(migration)
                    + " (" + name + " -> " + migration.path("to").asText("?") + ") failed: "
                    + Cells.text(migration.get("error")));
        }
        err.println("hint: the queue(s) above stay on " + name + ", which keeps draining the others; see qctl "
                + "migrations list --partition " + name + ", then move them again: qctl migrate PROJECT/QUEUE");
        err.flush();
        return QctlMain.EXIT_API_ERROR;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Unregisters a partition; refused (409) while it still holds queues.")
    void remove(@Parameters(paramLabel = "NAME", description = "Partition name.") String name) {
        qctl.client().delete(path(name));
        if (!qctl.json()) {
            qctl.println("partition " + name + " removed");
        }
    }

    private int weight(int weight) {
        if (weight < 0) {
            throw new ParameterException(qctl.commandLine(), "weight: " + weight + " (expected: >= 0)");
        }
        return weight;
    }

    static String path(String name) {
        return "/v2/partitions/" + AdminClient.segment(name);
    }
}
