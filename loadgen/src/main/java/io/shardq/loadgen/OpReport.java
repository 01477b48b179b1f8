package io.shardq.loadgen;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One line of the report.
 *
 * @param op         operation label ({@code post}, {@code claim}, {@code delete}, {@code list}, {@code total})
 * @param count      successful (2xx) requests
 * @param perSecond  successful requests per second of the measured time
 * @param p50Ms      median latency of the successful requests, in milliseconds
 * @param p99Ms      99th percentile latency, in milliseconds
 * @param maxMs      maximum latency, in milliseconds
 * @param errorCount failed requests (non-2xx answers and transport errors)
 * @param errors     failed requests by status; {@code "io"} for transport errors
 */
public record OpReport(String op, long count, double perSecond, double p50Ms, double p99Ms, double maxMs,
                       long errorCount, Map<String, Long> errors) {

    public OpReport {
        errors = Map.copyOf(errors);
    }

    static OpReport of(String op, Histogram micros, Map<Integer, Long> errorsByStatus, double seconds) {
        long count = micros.getTotalCount();
        Map<String, Long> errors = new LinkedHashMap<>();
        errorsByStatus.forEach((status, n) -> errors.put(status == HttpResult.IO_ERROR ? "io" : status.toString(), n));
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        return new OpReport(op, count, count / seconds,
                millis(count == 0 ? 0 : micros.getValueAtPercentile(50)),
                millis(count == 0 ? 0 : micros.getValueAtPercentile(99)),
                millis(count == 0 ? 0 : micros.getMaxValue()),
                errorCount, errors);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
