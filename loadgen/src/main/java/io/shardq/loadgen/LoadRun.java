package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * One run of the zaqar-bench workload: resets and creates the queues, runs producers, consumers and
 * observers side by side for warm-up plus duration, samples CPU at both ends of the measured window,
 * optionally deletes the queues, and returns the {@link Report}.
 */
final class LoadRun {

    private final LoadConfig config;
    private final Target target;
    private final PrintStream log;

    LoadRun(LoadConfig config, PrintStream log) {
        this.config = requireNonNull(config, "config");
        this.target = Target.of(config.url());
        this.log = requireNonNull(log, "log");
    }

    Report run() throws InterruptedException {
        List<String> queues = config.queueNames();
        prepareQueues(queues);
        RunClock clock = RunClock.startingNow(config.warmupSeconds(), config.durationSeconds());
        List<Worker> workers = workers(queues, clock);
        List<Thread> threads = start(workers);

        RunClock.sleepUntil(clock.recordFrom());
        OptionalLong serverStart = serverTicks();
        OptionalLong clientStart = ProcStat.readTicks(ProcessHandle.current().pid());
        RunClock.sleepUntil(clock.end());
        OptionalLong serverEnd = serverTicks();
        OptionalLong clientEnd = ProcStat.readTicks(ProcessHandle.current().pid());
        for (Thread thread : threads) {
            thread.join();
        }
        if (config.cleanup()) {
            deleteQueues(queues);
        }
        return report(queues, workers, cpuTicks(serverStart, serverEnd), cpuTicks(clientStart, clientEnd));
    }

    /** Like zaqar-bench, starts from empty queues: DELETE, then PUT (201 or 204). */
    private void prepareQueues(List<String> queues) {
        try (ZaqarApi api = api()) {
            for (String queue : queues) {
                api.deleteQueue(queue);
                HttpResult created = api.createQueue(queue);
                if (!created.isSuccess()) {
                    throw new LoadgenException("PUT queue " + queue + " at " + config.url() + ": "
                            + describe(created) + " (expected: 201 or 204)");
                }
            }
        }
    }

    private void deleteQueues(List<String> queues) {
        try (ZaqarApi api = api()) {
            for (String queue : queues) {
                HttpResult deleted = api.deleteQueue(queue);
                if (!deleted.isSuccess()) {
                    log.println("warning: DELETE queue " + queue + ": " + describe(deleted));
                }
            }
        }
    }

    private List<Worker> workers(List<String> queues, RunClock clock) {
        byte[] post = MessageDocument.post(config.messageTtl(), config.messageSize());
        byte[] claim = MessageDocument.claim(config.claimTtl(), config.claimGrace());
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < config.producers(); i++) {
            workers.add(new Producer(api(), queues, clock, post));
        }
        for (int i = 0; i < config.consumers(); i++) {
            workers.add(new Consumer(api(), queues, clock, config.claimLimit(), claim));
        }
        for (int i = 0; i < config.observers(); i++) {
            workers.add(new Observer(api(), queues, clock, config.listLimit()));
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        workers.forEach(w -> w.paced(Pacer.forWorker(config.rate(), config.workers(), random.nextDouble())));
        return workers;
    }

    private static List<Thread> start(List<Worker> workers) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            Worker worker = workers.get(i);
            Thread thread = new Thread(worker, "loadgen-" + worker.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return threads;
    }

    private Report report(List<String> queues, List<Worker> workers, OptionalLong serverTicks, OptionalLong clientTicks) {
        WorkerStats all = new WorkerStats();
        workers.forEach(w -> all.add(w.stats()));
        double seconds = config.durationSeconds();
        List<OpReport> operations = new ArrayList<>();
        Histogram total = new Histogram(3);
        Map<Integer, Long> totalErrors = new TreeMap<>();
        for (Op op : Op.values()) {
            operations.add(OpReport.of(op.label(), all.latencies(op), all.errors(op), seconds));
            total.add(all.latencies(op));
            all.errors(op).forEach((status, n) -> totalErrors.merge(status, n, Long::sum));
        }
        OpReport totals = OpReport.of("total", total, totalErrors, seconds);
        long requests = totals.count() + totals.errorCount();
        return new Report(config.url(), config.producers(), config.consumers(), config.observers(), config.rate(),
                queues, seconds, operations, totals, all.claimedMessages(), all.emptyClaims(),
                cpu(serverTicks, requests, seconds), cpu(clientTicks, requests, seconds));
    }

    private CpuUsage cpu(OptionalLong ticks, long requests, double seconds) {
        return ticks.isPresent() ? CpuUsage.of(ticks.getAsLong(), config.clockTicks(), requests, seconds) : null;
    }

    private OptionalLong serverTicks() {
        return config.serverPid().isPresent() ? ProcStat.readTicks(config.serverPid().getAsLong()) : OptionalLong.empty();
    }

    private static OptionalLong cpuTicks(OptionalLong start, OptionalLong end) {
        return start.isPresent() && end.isPresent()
                ? OptionalLong.of(end.getAsLong() - start.getAsLong()) : OptionalLong.empty();
    }

    private ZaqarApi api() {
        return new ZaqarApi(target, config.project(), config.timeoutMillis());
    }

    private static String describe(HttpResult result) {
        if (result.status() == HttpResult.IO_ERROR) {
            return "no answer (connection failed)";
        }
        String body = result.bodyText();
        return result.status() + (body.isEmpty() ? "" : " " + body);
    }
}
