package io.shardq.loadgen;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/loadgen}: zaqar-bench's workload (producers, consumers, observers) against any
 * Zaqar-compatible URL, bounded in time, with a latency table per operation.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        description = {
            "Load generator for any Zaqar-compatible service (API v2), reproducing zaqar-bench's workload.",
            "Producers post 1 message per request; consumers claim up to --claim-limit messages and delete each "
                    + "with its claim id; observers page through messages (echo=true, include_claimed=true) "
                    + "following the 'next' links. Each worker is closed-loop (one request at a time on its own "
                    + "keep-alive connection, its own Client-ID) and picks a random queue per request.",
            "Queues are deleted and created (PUT) first, and deleted at the end unless --no-cleanup.",
            "The report gives per operation: successful count, req/s, p50/p99/max latency (ms) and errors "
                    + "(non-2xx by status, 'io' for transport failures); then server and client CPU.",
            ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run completed", "1:every request failed", "2:bad options or the queues could not be created"},
        footer = {"", "Example: scripts/loadgen --url http://127.0.0.1:8888 --duration 30 --warmup 5 --server-pid \"$SERVER_PID\"",
            "         scripts/loadgen --url http://127.0.0.1:8888 --producers 8 --consumers 0 --observers 0 --output json"})
public final class LoadgenMain implements Callable<Integer> {

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Base URL of the service, without /v2 (e.g. http://127.0.0.1:8888).")
    String url;

    @Option(names = {"--producers", "-p"}, paramLabel = "N", defaultValue = "" + LoadConfig.DEFAULT_WORKERS,
            description = "Producer workers (zaqar-bench processes x workers). Default: ${DEFAULT-VALUE}.")
    int producers;

    @Option(names = {"--consumers", "-c"}, paramLabel = "N", defaultValue = "" + LoadConfig.DEFAULT_WORKERS,
            description = "Consumer workers. Default: ${DEFAULT-VALUE}.")
    int consumers;

    @Option(names = {"--observers", "-o"}, paramLabel = "N", defaultValue = "" + LoadConfig.DEFAULT_WORKERS,
            description = "Observer workers. Default: ${DEFAULT-VALUE}.")
    int observers;

    @Option(names = {"--duration", "-t"}, paramLabel = "SECONDS", defaultValue = "" + LoadConfig.DEFAULT_DURATION_SECONDS,
            description = "Measured time. Default: ${DEFAULT-VALUE}.")
    int duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "" + LoadConfig.DEFAULT_WARMUP_SECONDS,
            description = "Load before the measured time, not counted. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--queues", paramLabel = "N", defaultValue = "" + LoadConfig.DEFAULT_QUEUES,
            description = "Number of queues (zaqar-bench's num_queues). Default: ${DEFAULT-VALUE}.")
    int queues;

    @Option(names = "--queue-prefix", paramLabel = "NAME", defaultValue = LoadConfig.DEFAULT_QUEUE_PREFIX,
            description = "Queues are PREFIX-0 .. PREFIX-(N-1). Default: ${DEFAULT-VALUE}.")
    String queuePrefix;

    @Option(names = "--message-size", paramLabel = "BYTES", defaultValue = "" + LoadConfig.DEFAULT_MESSAGE_SIZE,
            description = "Bytes of JSON per message body: zaqar-bench's body padded with a \"pad\" string "
                    + "(below 69, the unpadded 60-byte body). Default: ${DEFAULT-VALUE}.")
    int messageSize;

    @Option(names = "--message-ttl", paramLabel = "SECONDS", defaultValue = "" + LoadConfig.DEFAULT_MESSAGE_TTL,
            description = "Message TTL. Default: ${DEFAULT-VALUE}.")
    int messageTtl;

    @Option(names = "--claim-limit", paramLabel = "N", defaultValue = "" + LoadConfig.DEFAULT_CLAIM_LIMIT,
            description = "Messages per claim (zaqar-bench's messages_per_claim), 1..20. Default: ${DEFAULT-VALUE}.")
    int claimLimit;

    @Option(names = "--claim-ttl", paramLabel = "SECONDS", defaultValue = "" + LoadConfig.DEFAULT_CLAIM_TTL,
            description = "Claim TTL. Default: ${DEFAULT-VALUE}.")
    int claimTtl;

    @Option(names = "--claim-grace", paramLabel = "SECONDS", defaultValue = "" + LoadConfig.DEFAULT_CLAIM_GRACE,
            description = "Claim grace. Default: ${DEFAULT-VALUE}.")
    int claimGrace;

    @Option(names = "--list-limit", paramLabel = "N", defaultValue = "" + LoadConfig.DEFAULT_LIST_LIMIT,
            description = "Messages per listing page (zaqar-bench's messages_per_list), 1..20. Default: ${DEFAULT-VALUE}.")
    int listLimit;

    @Option(names = "--project", paramLabel = "ID", defaultValue = LoadConfig.DEFAULT_PROJECT,
            description = "X-Project-ID header. Default: ${DEFAULT-VALUE}.")
    String project;

    @Option(names = "--rate", paramLabel = "REQ_PER_S", defaultValue = "0",
            description = "Total requests per second to offer, spread evenly over the workers: each worker sends "
                    + "its next request at its next slot (closed loop with pacing; a late worker does not burst "
                    + "to catch up, so the achieved rate falls short when the server cannot keep up; latency is "
                    + "measured from the send). 0 = unpaced, as fast as answers come. Default: ${DEFAULT-VALUE}.")
    int rate;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "Server process (same host) whose CPU time (/proc/PID/stat utime+stime) to report, "
                    + "as seconds and seconds per 1,000 requests.")
    Long serverPid;

    @Option(names = "--clock-ticks", paramLabel = "HZ", defaultValue = "" + LoadConfig.DEFAULT_CLOCK_TICKS,
            description = "Ticks per second of /proc CPU times (getconf CLK_TCK). Default: ${DEFAULT-VALUE}.")
    int clockTicks;

    @Option(names = "--timeout", paramLabel = "MILLIS", defaultValue = "" + LoadConfig.DEFAULT_TIMEOUT_MILLIS,
            description = "Connect and read timeout per request. Default: ${DEFAULT-VALUE}.")
    int timeoutMillis;

    @Option(names = "--cleanup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Delete the queues at the end (--no-cleanup keeps them). Default: ${DEFAULT-VALUE}.")
    boolean cleanup;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new LoadgenMain()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    LoadConfig toConfig() {
        return new LoadConfig(url, producers, consumers, observers, duration, warmup, queues, queuePrefix,
                messageSize, messageTtl, claimLimit, claimTtl, claimGrace, listLimit, project,
                serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid), clockTicks, timeoutMillis,
                cleanup, output, rate);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        LoadConfig config = toConfig();
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println("error: " + p));
            err.flush();
            return 2;
        }
        Report report;
        try {
            report = new LoadRun(config, System.err).run();
        } catch (LoadgenException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportFormatter.format(report, config.output()));
        out.flush();
        return report.total().count() == 0 && report.requests() > 0 ? 1 : 0;
    }
}
