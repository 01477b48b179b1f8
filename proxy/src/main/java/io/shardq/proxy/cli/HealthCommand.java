package io.shardq.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code qctl health}: each partition node as the proxy sees it; exit 4 when a partition cannot serve. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = {"Every partition and node with its health as the proxy sees it.",
                "Exits 0 when every partition has a healthy node, 4 when one has none."})
final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    QctlMain qctl;

    @Override
    public Integer call() {
        JsonNode health = qctl.client().get("/v2/health", null).body();
        boolean healthy = health.path("healthy").asBoolean(false);
        if (qctl.json()) {
            qctl.printJson(health);
        } else {
            print(health, healthy);
        }
        return healthy ? 0 : QctlMain.EXIT_UNHEALTHY;
    }

    private void print(JsonNode health, boolean healthy) {
        Table table = Table.of("PARTITION", "STATE", "WEIGHT", "SERVING", "NODE", "HEALTHY", "FAILURES");
        for (JsonNode partition : health.path("partitions")) {
            if (partition.path("nodes").isEmpty()) {
                table.row(Cells.text(partition.get("name")), Cells.text(partition.get("state")),
                        Cells.text(partition.get("weight")), Cells.yesNo(partition.path("serving")), "-", "-", "-");
            }
            for (JsonNode node : partition.path("nodes")) {
                table.row(Cells.text(partition.get("name")), Cells.text(partition.get("state")),
                        Cells.text(partition.get("weight")), Cells.yesNo(partition.path("serving")),
                        Cells.text(node.get("uri")), Cells.yesNo(node.path("healthy")),
                        Cells.text(node.get("consecutive_failures")));
            }
        }
        if (!table.isEmpty()) {
            table.print(qctl.out());
        }
        qctl.println("catalogue cache trusted: " + Cells.yesNo(health.path("catalogue_cache_trusted")));
        qctl.println(healthy ? "healthy" : "NOT healthy: a partition has no healthy node");
    }
}
