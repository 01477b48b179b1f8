package io.shardq.catalogue;

import java.util.Locale;

/** An operator's switch on a partition. Only {@code active} partitions take new queues. */
public enum PartitionState {
    /** Serves its queues and takes new ones (if its weight is above 0). */
    ACTIVE,
    /** Serves its queues, takes no new ones; queues are being moved away. */
    DRAINING,
    /** Out of service: takes no new queues. */
    DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PartitionState parse(String value) {
        return Enums.parse(PartitionState.class, "state", value);
    }
}
