package io.shardq.catalogue;

/**
 * A partial change of a partition ({@code PATCH /v2/partitions/{name}}); {@code null} fields stay unchanged.
 *
 * @param weight new weight (&gt;= 0), or {@code null}
 * @param state  new state, or {@code null}
 */
public record PartitionPatch(Integer weight, PartitionState state) {

    public PartitionPatch {
        Problems problems = new Problems();
        problems.check(weight == null || weight >= 0, "weight: " + weight + " (expected: >= 0)");
        problems.throwIfAny();
    }

    public static PartitionPatch of(Integer weight, PartitionState state) {
        return new PartitionPatch(weight, state);
    }
}
