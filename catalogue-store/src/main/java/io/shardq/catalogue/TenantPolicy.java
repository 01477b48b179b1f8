package io.shardq.catalogue;

import java.util.List;

/**
 * Dedicates partitions to a project: its new queues go only there (weighted by their weights), and no
 * other project's new queues go there.
 *
 * @param project    the project ({@code ""} for none)
 * @param partitions names of its dedicated partitions, at least one
 */
public record TenantPolicy(String project, List<String> partitions) {

    public TenantPolicy {
        Problems problems = new Problems();
        problems.check(project != null && project.length() <= QueueKey.MAX_PROJECT_LENGTH,
                "project: " + Problems.quote(project) + " (expected: at most " + QueueKey.MAX_PROJECT_LENGTH
                        + " characters)");
        problems.check(partitions != null && !partitions.isEmpty(),
                "partitions: " + partitions + " (expected: at least one partition name)");
        if (partitions != null) {
            partitions.forEach(p -> problems.name("partitions", p));
        }
        problems.throwIfAny();
        partitions = List.copyOf(partitions);
    }

    public static TenantPolicy of(String project, List<String> partitions) {
        return new TenantPolicy(project, partitions);
    }
}
