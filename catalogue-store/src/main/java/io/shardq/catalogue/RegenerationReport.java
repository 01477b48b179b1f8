package io.shardq.catalogue;

import java.util.List;
import java.util.Map;

/**
 * What a {@link Regenerator} run did.
 *
 * @param partitionsScanned partitions that answered
 * @param created           entries created from a partition's answer
 * @param unchanged         entries that already pointed at the partition holding the queue
 * @param conflicts         queues claimed by several partitions, or catalogued on another partition; left
 *                          as they were, for an operator to decide
 * @param failedPartitions  partitions that could not be asked, with the reason
 */
public record RegenerationReport(int partitionsScanned, long created, long unchanged, List<Conflict> conflicts,
                                 Map<String, String> failedPartitions) {

    public RegenerationReport {
        conflicts = List.copyOf(conflicts);
        failedPartitions = Map.copyOf(failedPartitions);
    }

    /**
     * A queue whose home is unclear.
     *
     * @param key        the queue
     * @param claimedBy  the partitions holding it
     * @param catalogued the partition the catalogue names, or {@code null} if none
     */
    public record Conflict(QueueKey key, List<String> claimedBy, String catalogued) {
        public Conflict {
            claimedBy = List.copyOf(claimedBy);
        }
    }
}
