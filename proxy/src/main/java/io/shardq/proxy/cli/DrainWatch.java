package io.shardq.proxy.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Follows a draining partition ({@code qctl partitions drain NAME --wait}): polls its queue count
 * ({@code GET /v2/partitions/NAME}) and the migrations in flight ({@code GET /v2/migrations?partition=NAME&active=true})
 * until the count is 0, or until a migration out of it failed. A migration that leaves the active list is read
 * once more to learn how it ended.
 */
final class DrainWatch {

    private final QctlMain qctl;
    private final AdminClient client;
    private final String name;
    /** Migrations seen in flight at the last poll, by id. */
    private Map<String, JsonNode> moving = new LinkedHashMap<>();

    DrainWatch(QctlMain qctl, AdminClient client, String name) {
        this.qctl = requireNonNull(qctl, "qctl");
        this.client = requireNonNull(client, "client");
        this.name = requireNonNull(name, "name");
    }

    /** Polls until drained (returns an empty list) or until migrations out of the partition failed (returns them). */
    List<JsonNode> follow(JsonNode partition) {
        long total = queues(partition);
        String shown = null;
        try (Progress progress = qctl.progress("drain " + name, " queues")) {
            while (true) {
                List<JsonNode> active = active();
                List<JsonNode> failed = failedSinceLastPoll(active);
                long left = queues(partition);
                if (!failed.isEmpty() || left == 0) {
                    progress.show(total - left, total, status(left, active));
                    return failed;
                }
                total = Math.max(total, left);
                String status = status(left, active);
                progress.show(total - left, total, status);
                if (!qctl.showsProgress() && !qctl.json() && !status.equals(shown)) {
                    qctl.println(name + ": " + status);
                    shown = status;
                }
                QctlMain.pause(qctl.poll().multipliedBy(QctlMain.DRAIN_POLL_FACTOR));
                partition = client.get(PartitionsCommand.path(name), null).body();
            }
        }
    }

    private List<JsonNode> active() {
        List<JsonNode> active = new ArrayList<>();
        client.get(MigrationsCommand.listPath(true, name), null).body().path("migrations").forEach(active::add);
        return active;
    }

    private List<JsonNode> failedSinceLastPoll(List<JsonNode> active) {
        Map<String, JsonNode> now = new LinkedHashMap<>();
        active.forEach(migration -> now.put(migration.path("id").asText(), migration));
        List<JsonNode> failed = new ArrayList<>();
        for (String id : moving.keySet()) {
            if (!now.containsKey(id)) {
                JsonNode ended = client.get(MigrationsCommand.path(id), null).body();
                if (MigrationView.phase(ended).equals("failed") && name.equals(ended.path("from").asText())) {
                    failed.add(ended);
                }
            }
        }
        moving = now;
        return failed;
    }

    private static long queues(JsonNode partition) {
        return partition.path("queues").asLong(0);
    }

    /** {@code 5 queue(s) left, 2 moving: demo/a copying 10/20, demo/b frozen 20/20}. */
    private static String status(long left, List<JsonNode> active) {
        String line = left + " queue(s) left";
        if (active.isEmpty()) {
            return line + ", none moving right now";
        }
        return line + ", " + active.size() + " moving: " + active.stream()
                .map(m -> MigrationView.queue(m) + " " + MigrationView.phase(m) + " " + MigrationView.copied(m))
                .collect(Collectors.joining(", "));
    }
}
