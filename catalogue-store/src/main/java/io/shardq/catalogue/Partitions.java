package io.shardq.catalogue;

import java.util.List;
import java.util.Optional;

/** The registry of partitions, in MongoDB. Every method may raise {@link CatalogueUnavailableException}. */
public interface Partitions {

    /** Creates or replaces a partition; returns {@code true} if it was created. */
    boolean put(Partition partition);

    Optional<Partition> get(String name);

    /** Every partition, by name. */
    List<Partition> list();

    /**
     * Changes weight and/or state of a partition.
     *
     * @throws PartitionNotFoundException if there is no such partition
     */
    Partition patch(String name, PartitionPatch patch);

    /**
     * Deletes a partition that holds no queue. Set its weight to 0 (or state to draining) and move its
     * queues away first, so that no new queue lands on it meanwhile.
     *
     * @throws PartitionInUseException     while catalogue entries point at it
     * @throws PartitionNotFoundException if there is no such partition
     */
    void delete(String name);
}
