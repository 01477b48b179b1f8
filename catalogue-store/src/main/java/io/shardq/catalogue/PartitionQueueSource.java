package io.shardq.catalogue;

import java.util.Collection;

/**
 * Lists every queue of every project that a partition holds, for {@link Regenerator}. The proxy implements
 * it over HTTP against the partitions' admin API.
 */
@FunctionalInterface
public interface PartitionQueueSource {

    /** The queues {@code partition} holds; throws (any runtime exception) if it cannot be asked. */
    Collection<QueueKey> queues(Partition partition);
}
