package io.shardq.loadgen;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link Report} as a text table or as JSON. */
final class ReportFormatter {

    private static final String ROW = "%-7s %10s %11s %9s %9s %9s  %s%n";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFormatter() {
    }

    static String format(Report report, OutputFormat format) {
        return format == OutputFormat.json ? json(report) : text(report);
    }

    static String json(Report report) {
        try {
            return JSON.writeValueAsString(report) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Report report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "loadgen %s: %d producers, %d consumers, %d observers, %d queues, %.1f s, %s%n",
                report.url(), report.producers(), report.consumers(), report.observers(), report.queues().size(),
                report.durationSeconds(), report.offeredRate() == 0 ? "unpaced"
                        : "paced at " + report.offeredRate() + " req/s offered"));
        out.append(String.format(Locale.ROOT, ROW, "op", "count", "req/s", "p50 ms", "p99 ms", "max ms", "errors"));
        for (OpReport op : report.operations()) {
            out.append(row(op));
        }
        out.append(row(report.total()));
        out.append(String.format(Locale.ROOT, "claims: %d messages claimed, %d claims found nothing%n",
                report.claimedMessages(), report.emptyClaims()));
        out.append(cpu("server", report.serverCpu()));
        out.append(cpu("client", report.clientCpu()));
        return out.toString();
    }

    private static String row(OpReport op) {
        return String.format(Locale.ROOT, ROW, op.op(), op.count(), String.format(Locale.ROOT, "%.1f", op.perSecond()),
                ms(op.p50Ms()), ms(op.p99Ms()), ms(op.maxMs()), errors(op));
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String errors(OpReport op) {
        if (op.errorCount() == 0) {
            return "0";
        }
        String byStatus = op.errors().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(" "));
        return op.errorCount() + " (" + byStatus + ")";
    }

    private static String cpu(String who, CpuUsage usage) {
        if (usage == null) {
            return String.format(Locale.ROOT, "%s cpu: n/a%n", who);
        }
        return String.format(Locale.ROOT, "%s cpu: %.2f s (%.2f cores), %.3f s per 1k requests%n",
                who, usage.seconds(), usage.cores(), usage.perThousandRequests());
    }
}
