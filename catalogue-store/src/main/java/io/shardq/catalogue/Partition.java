package io.shardq.catalogue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A partition: partition-server nodes in front of one storage deployment, plus its migration agent.
 *
 * @param name         unique name, 1-64 of {@code A-Z a-z 0-9 _ -}
 * @param weight       share of new queues relative to other partitions; 0 takes no new queues
 * @param nodes        base URIs ({@code http://host:port}) of its partition-server nodes, at least one
 * @param agent        base URI of its migration agent, or {@code null} when it has none
 * @param capabilities flavor: what its storage offers, e.g. {@code fifo=true}, {@code persistent=true}
 * @param state        active, draining or disabled
 */
public record Partition(String name, int weight, List<URI> nodes, URI agent, Map<String, Boolean> capabilities,
                        PartitionState state) {

    public Partition {
        Problems problems = new Problems();
        problems.name("name", name);
        problems.check(weight >= 0, "weight: " + weight + " (expected: >= 0)");
        problems.check(nodes != null && !nodes.isEmpty(), "nodes: " + nodes + " (expected: at least one base URI)");
        if (nodes != null) {
            nodes.forEach(node -> checkBaseUri(problems, "nodes", node));
        }
        if (agent != null) {
            checkBaseUri(problems, "agent", agent);
        }
        problems.check(capabilities == null || capabilities.entrySet().stream()
                        .allMatch(e -> e.getKey() != null && !e.getKey().isBlank() && e.getValue() != null),
                "capabilities: " + capabilities + " (expected: names mapped to true or false)");
        problems.check(state != null, "state: null (expected: active | draining | disabled)");
        problems.throwIfAny();
        nodes = List.copyOf(nodes);
        capabilities = capabilities == null ? Map.of() : Map.copyOf(new TreeMap<>(capabilities));
    }

    /** An active partition without agent or capabilities. */
    public static Partition of(String name, int weight, List<URI> nodes) {
        return new Partition(name, weight, nodes, null, Map.of(), PartitionState.ACTIVE);
    }

    /** Whether it may be chosen for a new queue: active with a weight above 0. */
    public boolean takesNewQueues() {
        return state == PartitionState.ACTIVE && weight > 0;
    }

    /** Whether every required capability is present and true. */
    public boolean supports(Set<String> required) {
        return required.stream().allMatch(c -> Boolean.TRUE.equals(capabilities.get(c)));
    }

    public Partition withWeight(int newWeight) {
        return new Partition(name, newWeight, nodes, agent, capabilities, state);
    }

    public Partition withState(PartitionState newState) {
        return new Partition(name, weight, nodes, agent, capabilities, newState);
    }

    private static void checkBaseUri(Problems problems, String field, URI uri) {
        boolean ok = uri != null && uri.isAbsolute() && uri.getHost() != null
                && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                && (uri.getRawQuery() == null && uri.getRawFragment() == null);
        problems.check(ok, field + ": " + Problems.quote(uri) + " (expected: a base URI such as http://host:port)");
    }
}
