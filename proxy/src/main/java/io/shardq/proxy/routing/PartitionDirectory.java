package io.shardq.proxy.routing;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.Partitions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition registry as the request path sees it: a snapshot reloaded from the catalogue every
 * {@code refresh} (and at once after an admin change), so routing never waits for MongoDB. When MongoDB
 * is down the last snapshot keeps serving.
 */
public final class PartitionDirectory implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(PartitionDirectory.class);
    public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(1);

    private final Partitions partitions;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "partition-directory");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Partition> byName = Map.of();

    public PartitionDirectory(Partitions partitions, Duration refresh) {
        this.partitions = requireNonNull(partitions, "partitions");
        reload();
        scheduler.scheduleWithFixedDelay(this::reload, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reloads now; keeps the previous snapshot when the catalogue cannot be read. */
    public void reload() {
        try {
            byName = partitions.list().stream().collect(Collectors.toUnmodifiableMap(Partition::name, Function.identity()));
        } catch (RuntimeException e) {
            logger.warn("cannot reload partitions, keeping {} known: {}", byName.size(), e.toString());
        }
    }

    public Optional<Partition> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every partition, by name. */
    public List<Partition> all() {
        return byName.values().stream().sorted(Comparator.comparing(Partition::name)).toList();
    }

    /**
     * A partition to ask about queues that are not catalogued (it answers Zaqar's missing-queue
     * semantics): the first active one by name, else any.
     */
    public Optional<Partition> any() {
        List<Partition> all = all();
        return all.stream().filter(p -> p.state() == PartitionState.ACTIVE).findFirst()
                .or(() -> all.stream().findFirst());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
