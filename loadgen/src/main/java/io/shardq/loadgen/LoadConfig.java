package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One load run, as given on the command line. Defaults mirror zaqar-bench ({@code zaqar/bench/config.py},
 * {@code consumer.py}) except the worker counts, which are 2 processes × 2 workers per role.
 *
 * @param url            base URL of the Zaqar-compatible service (without {@code /v2})
 * @param producers      producer workers; default {@value #DEFAULT_WORKERS}
 * @param consumers      consumer workers; default {@value #DEFAULT_WORKERS}
 * @param observers      observer workers; default {@value #DEFAULT_WORKERS}
 * @param durationSeconds measured time in seconds; default {@value #DEFAULT_DURATION_SECONDS}
 * @param warmupSeconds  unmeasured time before it in seconds; default {@value #DEFAULT_WARMUP_SECONDS}
 * @param queues         number of queues; default {@value #DEFAULT_QUEUES}
 * @param queuePrefix    queue names are {@code prefix-0 .. prefix-(n-1)}; default {@value #DEFAULT_QUEUE_PREFIX}
 * @param messageSize    bytes of JSON per message body; default {@value #DEFAULT_MESSAGE_SIZE}
 * @param messageTtl     message TTL in seconds; default {@value #DEFAULT_MESSAGE_TTL}
 * @param claimLimit     messages per claim; default {@value #DEFAULT_CLAIM_LIMIT}
 * @param claimTtl       claim TTL in seconds; default {@value #DEFAULT_CLAIM_TTL}
 * @param claimGrace     claim grace in seconds; default {@value #DEFAULT_CLAIM_GRACE}
 * @param listLimit      messages per listing page; default {@value #DEFAULT_LIST_LIMIT}
 * @param project        {@code X-Project-ID}; default {@value #DEFAULT_PROJECT}
 * @param serverPid      the server's process id, to report its CPU time; empty for none
 * @param clockTicks     ticks per second of {@code /proc} CPU times; default {@value #DEFAULT_CLOCK_TICKS}
 * @param timeoutMillis  connect and read timeout in milliseconds; default {@value #DEFAULT_TIMEOUT_MILLIS}
 * @param cleanup        delete the queues at the end; default {@code true}
 * @param output         report format; default text
 * @param rate           requests per second offered by all workers together, each worker pacing its share
 *                       ({@link Pacer}); 0 (the default) for none: every worker sends as fast as answers come
 */
public record LoadConfig(
        String url, int producers, int consumers, int observers, int durationSeconds, int warmupSeconds,
        int queues, String queuePrefix, int messageSize, int messageTtl, int claimLimit, int claimTtl,
        int claimGrace, int listLimit, String project, OptionalLong serverPid, int clockTicks, int timeoutMillis,
        boolean cleanup, OutputFormat output, int rate) {

    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_DURATION_SECONDS = 10;
    public static final int DEFAULT_WARMUP_SECONDS = 0;
    public static final int DEFAULT_QUEUES = 4;
    public static final String DEFAULT_QUEUE_PREFIX = "ogre-test-queue";
    public static final int DEFAULT_MESSAGE_SIZE = 60;
    public static final int DEFAULT_MESSAGE_TTL = 60;
    public static final int DEFAULT_CLAIM_LIMIT = 5;
    public static final int DEFAULT_CLAIM_TTL = 300;
    public static final int DEFAULT_CLAIM_GRACE = 200;
    public static final int DEFAULT_LIST_LIMIT = 5;
    public static final String DEFAULT_PROJECT = "loadgen";
    public static final int DEFAULT_CLOCK_TICKS = 100;
    public static final int DEFAULT_TIMEOUT_MILLIS = 10_000;

    /** Zaqar's limit on claim and listing page sizes. */
    static final int MAX_PAGE = 20;

    public LoadConfig {
        requireNonNull(url, "url");
        requireNonNull(queuePrefix, "queuePrefix");
        requireNonNull(project, "project");
        requireNonNull(serverPid, "serverPid");
        requireNonNull(output, "output");
    }

    /** Every problem with the values, each naming the bad value and what was expected; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            Target.of(url);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        atLeast(problems, "--producers", producers, 0);
        atLeast(problems, "--consumers", consumers, 0);
        atLeast(problems, "--observers", observers, 0);
        if (producers + consumers + observers == 0) {
            problems.add("workers: 0 (expected: at least one producer, consumer or observer)");
        }
        atLeast(problems, "--duration", durationSeconds, 1);
        atLeast(problems, "--warmup", warmupSeconds, 0);
        atLeast(problems, "--queues", queues, 1);
        atLeast(problems, "--message-size", messageSize, 0);
        between(problems, "--claim-limit", claimLimit, 1, MAX_PAGE);
        between(problems, "--list-limit", listLimit, 1, MAX_PAGE);
        atLeast(problems, "--clock-ticks", clockTicks, 1);
        atLeast(problems, "--timeout", timeoutMillis, 1);
        atLeast(problems, "--rate", rate, 0);
        if (project.isEmpty()) {
            problems.add("--project: \"\" (expected: a non-empty project id)");
        }
        return problems;
    }

    /** All workers together. */
    public int workers() {
        return producers + consumers + observers;
    }

    /** The queue names the run uses. */
    public List<String> queueNames() {
        List<String> names = new ArrayList<>(queues);
        for (int i = 0; i < queues; i++) {
            names.add(queuePrefix + "-" + i);
        }
        return names;
    }

    private static void atLeast(List<String> problems, String name, int value, int min) {
        if (value < min) {
            problems.add(name + ": " + value + " (expected: >= " + min + ")");
        }
    }

    private static void between(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) {
            problems.add(name + ": " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
