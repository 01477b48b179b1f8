package io.shardq.loadgen;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one worker measured: a latency histogram (microseconds) of the successful requests of each
 * operation and the failed ones counted by status. Written by its worker thread only; merged by the run
 * once every worker has stopped.
 */
final class WorkerStats {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Map<Op, Histogram> latencies = new EnumMap<>(Op.class);
    private final Map<Op, Map<Integer, Long>> errors = new EnumMap<>(Op.class);
    private long emptyClaims;
    private long claimedMessages;

    WorkerStats() {
        for (Op op : Op.values()) {
            latencies.put(op, new Histogram(SIGNIFICANT_DIGITS));
            errors.put(op, new TreeMap<>());
        }
    }

    void record(Op op, int status, long latencyNanos) {
        if (status >= 200 && status < 300) {
            latencies.get(op).recordValue(Math.max(1, latencyNanos / 1_000));
        } else {
            errors.get(op).merge(status, 1L, Long::sum);
        }
    }

    void recordClaimed(int messages) {
        if (messages == 0) {
            emptyClaims++;
        }
        claimedMessages += messages;
    }

    Histogram latencies(Op op) {
        return latencies.get(op);
    }

    Map<Integer, Long> errors(Op op) {
        return errors.get(op);
    }

    long emptyClaims() {
        return emptyClaims;
    }

    long claimedMessages() {
        return claimedMessages;
    }

    /** Adds another worker's numbers to these. */
    void add(WorkerStats other) {
        for (Op op : Op.values()) {
            latencies.get(op).add(other.latencies.get(op));
            other.errors.get(op).forEach((status, n) -> errors.get(op).merge(status, n, Long::sum));
        }
        emptyClaims += other.emptyClaims;
        claimedMessages += other.claimedMessages;
    }
}
