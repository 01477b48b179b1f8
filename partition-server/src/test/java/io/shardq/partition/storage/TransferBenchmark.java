package io.shardq.partition.storage;

import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.partition.storage.mongo.EmbeddedMongo;
import io.shardq.partition.storage.mongo.MongoStorage;
import io.shardq.partition.storage.redis.RedisStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The rate of a migration's copy between storage drivers: for each (source, destination) pair of memory, Redis
 * and MongoDB, fills a source queue with N messages (and a few live claims), then times export → import page by
 * page into a fresh destination, the way a migration agent copies a queue, and prints messages per second per
 * pair in one table. Not a test: no assertion beyond the copied count. Run it with
 * {@code scripts/bench/transfer-rate}.
 *
 * <pre>
 * TransferBenchmark [--messages N] [--page N] --redis-uri redis://host:port [--mongo-uri mongodb://...]
 * </pre>
 *
 * Without {@code --mongo-uri}, each MongoDB store is an {@link EmbeddedMongo} (the in-process MongoDB-wire
 * server with its H2 file store, {@code storage.type: embedded}) in a temporary directory.
 */
public final class TransferBenchmark {

    private static final QueueRef REF = QueueRef.of("bench", "moving");
    private static final int POST_BATCH = 500;
    private static final int WARM_UP_MESSAGES = 2_000;
    private static final List<String> DRIVERS = List.of("memory", "redis", "mongo");

    private final String redisUri;
    private final String mongoUri;
    private final Clock clock = Clock.systemUTC();
    private final List<Path> directories = new ArrayList<>();
    private int stores;

    private TransferBenchmark(String redisUri, String mongoUri) {
        this.redisUri = redisUri;
        this.mongoUri = mongoUri;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int messages = Integer.parseInt(options.getOrDefault("messages", "50000"));
        int page = Integer.parseInt(options.getOrDefault("page", "1000"));
        String redisUri = options.get("redis-uri");
        if (redisUri == null) {
            System.err.println("--redis-uri redis://host:port is required (scripts/bench/transfer-rate starts one)");
            System.exit(2);
        }
        TransferBenchmark benchmark = new TransferBenchmark(redisUri, options.get("mongo-uri"));
        try {
            System.out.printf("warming up: every pair with %,d messages%n", WARM_UP_MESSAGES);
            benchmark.run(WARM_UP_MESSAGES, page);
            System.out.printf("measuring: %,d messages per queue, %,d per page%n", messages, page);
            print(benchmark.run(messages, page), messages, page, options.get("mongo-uri"));
        } finally {
            benchmark.deleteDirectories();
        }
    }

    /** One pair's figures. */
    private record Result(String source, String destination, int copied, int pages, long nanos, double fillRate) {
        double rate() {
            return copied * 1e9 / nanos;
        }
    }

    private List<Result> run(int messages, int page) {
        List<Result> results = new ArrayList<>();
        for (String from : DRIVERS) {
            try (Storage source = open(from)) {
                long start = System.nanoTime();
                fill(source, messages);
                double fillRate = messages * 1e9 / (System.nanoTime() - start);
                for (String to : DRIVERS) {
                    try (Storage destination = open(to)) {
                        results.add(copy(from, source, to, destination, page, fillRate));
                        cleanUp(to, destination);
                    }
                }
                cleanUp(from, source);
            }
        }
        return results;
    }

    /**
     * Drops the queue from a shared backend (Redis, a MongoDB given by URI). An embedded MongoDB is thrown away
     * with its directory instead: its H2 backend deletes 50,000 documents more slowly than the driver's read
     * timeout (10 s).
     */
    private void cleanUp(String driver, Storage storage) {
        if (!(storage instanceof EmbeddedMongo) && !driver.equals("memory")) {
            join(storage.transfer().drop(REF));
        }
    }

    /** {@code count} messages of about 100 bytes in batches, then 20 claims of 50 so pages carry claims. */
    private void fill(Storage storage, int count) {
        join(storage.queues().create(REF, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("purpose", "transfer benchmark")));
        for (int i = 0; i < count; i += POST_BATCH) {
            int base = i;
            join(storage.messages().post(REF, IntStream.range(base, Math.min(count, base + POST_BATCH))
                    .mapToObj(j -> NewMessage.of("{\"n\":" + j + ",\"pad\":\"" + "x".repeat(60 + j % 40) + "\"}",
                            3600, 0))
                    .toList(), "producer"));
        }
        for (int i = 0; i < 20; i++) {
            join(storage.claims().create(REF, ClaimSpec.of(3600, 60, 50)));
        }
    }

    /** Exports page by page and imports each page as it comes, timing the whole copy. */
    private Result copy(String from, Storage source, String to, Storage destination, int page, double fillRate) {
        int copied = 0;
        int pages = 0;
        long cursor = -1;
        long start = System.nanoTime();
        while (true) {
            ExportPage exported = join(source.transfer().export(REF, cursor, page));
            join(destination.transfer().importPage(REF, exported));
            copied += exported.messages().size();
            pages++;
            cursor = exported.nextCursor();
            if (exported.done()) {
                return new Result(from, to, copied, pages, System.nanoTime() - start, fillRate);
            }
        }
    }

    private static void print(List<Result> results, int messages, int page, String mongoUri) {
        System.out.println();
        System.out.printf("export -> import, page by page (%,d messages, %,d per page; mongo = %s)%n", messages, page,
                mongoUri == null ? "embedded, H2 file store" : mongoUri);
        System.out.printf("%-8s %-12s %10s %7s %10s %14s %16s%n", "source", "destination", "messages", "pages",
                "seconds", "messages/s", "source fill/s");
        results.stream().sorted(Comparator.comparing(Result::source, Comparator.comparingInt(DRIVERS::indexOf))
                        .thenComparing(Result::destination, Comparator.comparingInt(DRIVERS::indexOf)))
                .forEach(result -> System.out.printf("%-8s %-12s %,10d %,7d %10.2f %,14.0f %,16.0f%n",
                        result.source(), result.destination(), result.copied(), result.pages(), result.nanos() / 1e9,
                        result.rate(), result.fillRate()));
    }

    private Storage open(String driver) {
        int store = ++stores;
        return switch (driver) {
            case "memory" -> new InMemoryStorage(clock);
            case "redis" -> new RedisStorage(redisUri, clock, "bench-" + ProcessHandle.current().pid() + "-" + store + ":");
            case "mongo" -> mongoUri != null ? new MongoStorage(mongoUri, "bench_" + store, clock)
                    : EmbeddedMongo.start(directory(), clock);
            default -> throw new IllegalArgumentException("driver: " + driver);
        };
    }

    private Path directory() {
        try {
            Path directory = Files.createTempDirectory("transfer-bench-");
            directories.add(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteDirectories() throws IOException {
        for (Path directory : directories) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** {@code --name value} pairs; a bare number is {@code --messages}. */
    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (args[i].matches("\\d+")) {
                options.put("messages", args[i]);
            } else {
                throw new IllegalArgumentException("unexpected argument: " + args[i]);
            }
        }
        return options;
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("storage call failed: " + e.getMessage(), e);
        }
    }
}
