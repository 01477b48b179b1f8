package io.shardq.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time of a process from Linux's {@code /proc/PID/stat}: {@code utime + stime} (fields 14 and 15) in
 * clock ticks ({@code getconf CLK_TCK}, 100 on Linux).
 */
final class ProcStat {

    /** Index of {@code utime} among the fields after the {@code (comm)} field, which may hold spaces. */
    private static final int UTIME_AFTER_COMM = 11;

    private ProcStat() {
    }

    /** {@code utime + stime} in ticks, parsed from one {@code /proc/PID/stat} line. */
    static long cpuTicks(String statLine) {
        int commEnd = statLine.lastIndexOf(')');
        if (commEnd < 0) {
            throw new IllegalArgumentException("stat line: " + statLine + " (expected: pid (comm) state ...)");
        }
        String[] fields = statLine.substring(commEnd + 1).trim().split("\\s+");
        if (fields.length <= UTIME_AFTER_COMM + 1) {
            throw new IllegalArgumentException("stat line: " + statLine + " (expected: at least 15 fields)");
        }
        return Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[UTIME_AFTER_COMM + 1]);
    }

    /** The process's CPU ticks so far, or empty if it cannot be read (no such process, not Linux). */
    static OptionalLong readTicks(long pid) {
        try {
            return OptionalLong.of(cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
