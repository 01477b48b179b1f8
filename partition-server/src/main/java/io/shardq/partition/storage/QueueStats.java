package io.shardq.partition.storage;

/**
 * Message counts of a queue, with its oldest and newest unexpired messages ({@code null} when empty).
 */
public record QueueStats(long claimed, long free, Message oldest, Message newest) {

    public static final QueueStats EMPTY = new QueueStats(0, 0, null, null);

    public long total() {
        return claimed + free;
    }
}
