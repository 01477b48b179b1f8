package io.shardq.migration.reconcile;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import java.util.List;

/**
 * The body of {@code POST /v2/transfer/replace}: ranges of positions and the source's export of exactly what
 * they hold, which the destination makes its own (its other messages in those ranges go).
 *
 * @param ranges ascending, not overlapping; every message of the page lies in one of them
 * @param page   the messages (and the queue's active claims, metadata and counter) to import
 */
public record Replacement(List<PositionRange> ranges, ExportPage page) {

    /** Most ranges in one replacement. */
    public static final int MAX_RANGES = 10_000;

    public Replacement {
        ranges = List.copyOf(ranges);
        requireNonNull(page, "page");
        if (ranges.isEmpty() || ranges.size() > MAX_RANGES) {
            throw new IllegalArgumentException("ranges: " + ranges.size() + " (expected: 1 to " + MAX_RANGES + ")");
        }
        PositionRange.checkAscending(ranges, "ranges");
        for (Message message : page.messages()) {
            if (!covered(ranges, message.position())) {
                throw new IllegalArgumentException("position of message " + message.id() + ": " + message.position()
                        + " (expected: within one of the ranges)");
            }
        }
    }

    private static boolean covered(List<PositionRange> ranges, long position) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            PositionRange range = ranges.get(middle);
            if (position <= range.from()) {
                high = middle - 1;
            } else if (position > range.to()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }
}
