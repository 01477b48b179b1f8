package io.shardq.catalogue;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Chooses the partition of a new queue. A project with a {@link TenantPolicy} gets one of its dedicated
 * partitions; any other project gets a partition dedicated to nobody. Among those, only partitions that
 * are {@code active}, have a weight above 0 and offer every required capability qualify, and one is drawn at
 * random with probability proportional to its weight.
 */
public final class Placement {

    private final Partitions partitions;
    private final TenantPolicies policies;
    private final RandomGenerator random;

    /** @param random the source of randomness; inject a seeded one in tests */
    public Placement(Partitions partitions, TenantPolicies policies, RandomGenerator random) {
        this.partitions = requireNonNull(partitions, "partitions");
        this.policies = requireNonNull(policies, "policies");
        this.random = requireNonNull(random, "random");
    }

    /**
     * The name of the partition for a new queue of {@code project}.
     *
     * @param required capabilities (flavor) the partition must offer, e.g. {@code fifo}; may be empty
     * @throws NoEligiblePartitionException if no partition qualifies
     */
    public String choose(String project, Set<String> required) {
        requireNonNull(project, "project");
        requireNonNull(required, "required");
        return choose(partitions.list(), policies.list(), project, required, random);
    }

    /**
     * Like {@link #choose}, never choosing one of {@code excluded}: where to move a queue away from its
     * partition.
     *
     * @throws NoEligiblePartitionException if no other partition qualifies
     */
    public String chooseExcept(String project, Set<String> excluded) {
        requireNonNull(project, "project");
        requireNonNull(excluded, "excluded");
        List<Partition> others = partitions.list().stream().filter(p -> !excluded.contains(p.name())).toList();
        return choose(others, policies.list(), project, Set.of(), random);
    }

    /** {@link #choose} deferred, as the placement argument of {@link Catalogue#createIfAbsent}. */
    public Supplier<String> forProject(String project, Set<String> required) {
        return () -> choose(project, required);
    }

    static String choose(List<Partition> all, List<TenantPolicy> policies, String project, Set<String> required,
                         RandomGenerator random) {
        Optional<TenantPolicy> own = policies.stream().filter(p -> p.project().equals(project)).findFirst();
        Set<String> dedicated = new HashSet<>();
        policies.forEach(policy -> dedicated.addAll(policy.partitions()));
        List<Partition> candidates = all.stream()
                .filter(p -> own.map(policy -> policy.partitions().contains(p.name()))
                        .orElse(!dedicated.contains(p.name())))
                .filter(Partition::takesNewQueues)
                .filter(p -> p.supports(required))
                .toList();
        return pick(candidates, random).map(Partition::name).orElseThrow(() -> new NoEligiblePartitionException(
                "no partition can take a new queue of project '" + project + "'"
                        + (own.isPresent() ? " (dedicated: " + own.get().partitions() + ")" : "")
                        + (required.isEmpty() ? "" : " with capabilities " + required)
                        + " (expected: an active partition with weight > 0)"));
    }

    /** Draws one partition with probability weight / total weight; empty if the total weight is 0. */
    static Optional<Partition> pick(List<Partition> candidates, RandomGenerator random) {
        long total = candidates.stream().mapToLong(Partition::weight).sum();
        if (total <= 0) {
            return Optional.empty();
        }
        long point = random.nextLong(total);
        for (Partition candidate : candidates) {
            point -= candidate.weight();
            if (point < 0) {
                return Optional.of(candidate);
            }
        }
        throw new IllegalStateException("unreachable: weights changed while drawing");
    }
}
