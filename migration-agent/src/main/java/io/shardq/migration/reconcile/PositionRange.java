package io.shardq.migration.reconcile;

import java.util.List;

/**
 * Positions {@code (from, to]} of one queue.
 *
 * @param from the position after which the range starts; -1 for the start of the queue
 * @param to   the last position of the range ({@link Long#MAX_VALUE}: open-ended)
 */
public record PositionRange(long from, long to) {

    public PositionRange {
        if (from < -1 || to < from) {
            throw new IllegalArgumentException("range: from " + from + ", to " + to + " (expected: -1 <= from <= to)");
        }
    }

    public boolean contains(long position) {
        return position > from && position <= to;
    }

    /** Refuses ranges that are not ascending or that overlap (each must start at or after the previous end). */
    static void checkAscending(List<PositionRange> ranges, String field) {
        for (int i = 1; i < ranges.size(); i++) {
            PositionRange previous = ranges.get(i - 1);
            PositionRange range = ranges.get(i);
            if (range.from < previous.to) {
                throw new IllegalArgumentException(field + ": (" + range.from + ", " + range.to + "] after ("
                        + previous.from + ", " + previous.to + "] (expected: ascending ranges that do not overlap)");
            }
        }
    }
}
