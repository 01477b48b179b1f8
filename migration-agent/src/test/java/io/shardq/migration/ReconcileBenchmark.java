package io.shardq.migration;

import io.shardq.migration.client.AgentClient;
import io.shardq.migration.client.CopyStatus;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StatePage;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;

/**
 * The wall time of a reconciling copy between two agents over the memory driver: a queue of N messages (default
 * 1,000,000) copied beforehand, then reconciled with nothing changed (three runs), then after changes (about 1,000
 * deletions spread over the queue, claims released and taken, 1,000 new messages), again unchanged, then after a
 * few changes (about 10 deletions, the same claim and post changes). Prints each run next to the time one plain
 * states scan of the source and of the destination takes. Not a test: run it with {@code scripts/bench/reconcile}.
 *
 * <pre>
 * ReconcileBenchmark [N]
 * </pre>
 */
public final class ReconcileBenchmark {

    private static final QueueRef REF = QueueRef.of("bench", "moving");
    private static final int POST_BATCH = 1_000;
    private static final int COPY_PAGE = 10_000;

    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Storage source = new InMemoryStorage(Clock.systemUTC(), Duration.ZERO);
        Storage destination = new InMemoryStorage(Clock.systemUTC(), Duration.ZERO);
        long started = System.nanoTime();
        fill(source, messages);
        long cursor = copy(source, destination);
        System.out.printf("filled and copied %,d messages in %.1f s%n", messages, seconds(started));
        AgentServer sourceAgent = AgentServer.start(source, "127.0.0.1", 0, null);
        AgentServer destinationAgent = AgentServer.start(destination, "127.0.0.1", 0, null);
        try {
            AgentClient client = new AgentClient(URI.create(sourceAgent.url()), null);
            URI to = URI.create(destinationAgent.url());
            for (int run = 1; run <= 3; run++) {
                scans(source, destination);
                report("nothing changed, run " + run, client, to, cursor);
            }
            change(source, messages, 1_000);
            scans(source, destination);
            report("after changes", client, to, cursor);
            scans(source, destination);
            report("nothing changed since", client, to, cursor);
            change(source, messages, 10);
            scans(source, destination);
            report("after a few changes", client, to, cursor);
        } finally {
            sourceAgent.stop();
            destinationAgent.stop();
            source.close();
            destination.close();
        }
    }

    /** {@code messages} messages, then ten claims of 100. */
    private static void fill(Storage storage, int messages) {
        post(storage, messages);
        for (int claim = 0; claim < 10; claim++) {
            join(storage.claims().create(REF, ClaimSpec.of(3_000, 60, 100)));
        }
    }

    private static void post(Storage storage, int messages) {
        for (int posted = 0; posted < messages; posted += POST_BATCH) {
            int first = posted;
            List<NewMessage> batch = IntStream.range(0, Math.min(POST_BATCH, messages - posted))
                    .mapToObj(i -> NewMessage.of("{\"n\":" + (first + i) + "}", 7_200, 0)).toList();
            join(storage.messages().post(REF, batch, "bench"));
        }
    }

    /** Export → import page by page at the storage level; returns the last cursor. */
    private static long copy(Storage source, Storage destination) {
        long cursor = -1;
        while (true) {
            ExportPage page = join(source.transfer().export(REF, cursor, COPY_PAGE));
            join(destination.transfer().importPage(REF, page));
            cursor = page.nextCursor();
            if (page.done()) {
                return cursor;
            }
        }
    }

    /** About {@code deletions} messages deleted across the queue, two claims released, three taken, 1,000 posted. */
    private static void change(Storage storage, int messages, int deletions) {
        Random random = new Random(42);
        List<String> doomed = new ArrayList<>();
        long cursor = -1;
        while (true) {
            StatePage page = join(storage.transfer().states(REF, cursor, 10_000));
            page.states().stream().filter(state -> random.nextInt(messages) < deletions)
                    .forEach(state -> doomed.add(state.id()));
            cursor = page.nextCursor();
            if (page.done()) {
                break;
            }
        }
        join(storage.transfer().deleteMessages(REF, doomed));
        List<Claim> claims = join(storage.transfer().export(REF, -1, 1)).claims();
        join(storage.claims().release(REF, claims.get(0).id()));
        join(storage.claims().release(REF, claims.get(1).id()));
        for (int claim = 0; claim < 3; claim++) {
            join(storage.claims().create(REF, ClaimSpec.of(3_000, 60, 50)));
        }
        post(storage, 1_000);
        System.out.printf("changed: %,d deleted, 2 claims released, 3 taken, 1,000 posted%n", doomed.size());
    }

    private static void scans(Storage source, Storage destination) {
        System.out.printf("  states scan: source %.3f s, destination %.3f s%n", scan(source), scan(destination));
    }

    private static double scan(Storage storage) {
        long started = System.nanoTime();
        long cursor = -1;
        while (true) {
            StatePage page = join(storage.transfer().states(REF, cursor, 1_000));
            cursor = page.nextCursor();
            if (page.done()) {
                return seconds(started);
            }
        }
    }

    private static void report(String what, AgentClient client, URI to, long cursor) throws InterruptedException {
        long cpu = processCpuNanos();
        long started = System.nanoTime();
        String id = client.startCopy(REF, to, cursor, 1_000, true);
        CopyStatus status = client.copy(id);
        while (!status.finished()) {
            Thread.sleep(5);
            status = client.copy(id);
        }
        System.out.printf("%-24s %.3f s (process cpu %.3f s)  state %s, verified %s, %,d messages each side, %d ranges "
                        + "replaced, %d deleted, %d copied%s%n", what, seconds(started), (processCpuNanos() - cpu) / 1e9,
                status.state(), status.verified(), status.sourceCount(),
                status.rangesReplaced(), status.deleted(), status.copied(),
                status.error() == null ? "" : ", error " + status.error());
    }

    /** CPU time of every thread of this process (both agents, the client, GC), which load on the machine does not inflate. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
