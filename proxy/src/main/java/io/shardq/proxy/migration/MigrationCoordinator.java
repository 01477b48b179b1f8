package io.shardq.proxy.migration;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.MigrationConflictException;
import io.shardq.catalogue.MigrationPhase;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.Migrations;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionState;
import io.shardq.catalogue.Placement;
import io.shardq.catalogue.QueueKey;
import io.shardq.common.zaqar.HttpError;
import io.shardq.proxy.config.ProxyConfig;
import io.shardq.proxy.routing.PartitionDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration coordinator of one proxy: starts migrations, cancels them, and drives them with a
 * {@link MigrationRunner} each. State lives only in the catalogue's migration records, so any proxy may
 * coordinate: every {@code scanMillis} this one takes over migrations whose coordinator's lease ran out
 * (resume or roll back), and moves queues off draining partitions, never running more than
 * {@code maxConcurrent} forward migrations itself.
 */
public final class MigrationCoordinator implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MigrationCoordinator.class);

    private final MigrationContext context;
    private final PartitionDirectory directory;
    private final Placement placement;
    private final ExecutorService runners;
    private final ScheduledExecutorService scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "migration-scan");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public MigrationCoordinator(MigrationContext context, PartitionDirectory directory, Placement placement) {
        this.context = requireNonNull(context, "context");
        this.directory = requireNonNull(directory, "directory");
        this.placement = requireNonNull(placement, "placement");
        AtomicInteger count = new AtomicInteger();
        this.runners = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "migration-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Everything a coordinator needs, from the proxy's parts. */
    public static MigrationCoordinator create(Migrations migrations, Catalogue catalogue, PartitionDirectory directory,
                                              Placement placement, AgentClients agents, ProxyConfig.Migrations settings,
                                              String owner, Clock clock, Consumer<QueueKey> wakeParked) {
        MigrationContext context = new MigrationContext(migrations, catalogue, agents, settings, owner, clock,
                wakeParked);
        return new MigrationCoordinator(context, directory, placement);
    }

    /**
     * Starts the periodic scan for abandoned migrations and draining partitions, on a thread of its own
     * (it reads MongoDB and must not delay the proxy's parking and health checks).
     */
    public MigrationCoordinator start() {
        long every = context.settings().scanMillis();
        scanner.scheduleWithFixedDelay(this::scan, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Records a migration of {@code key} to partition {@code to} (or one chosen by weight when {@code null})
     * and starts driving it.
     *
     * @throws HttpError 404 unknown queue or partition, 400 already there, 409 busy or without agents
     */
    public MigrationRecord start(QueueKey key, String to) {
        CatalogueEntry entry = context.catalogue().lookupFresh(key).orElseThrow(() -> HttpError.notFound(
                "Queue " + key.queue() + " of project '" + key.project() + "' is not in the catalogue."));
        if (entry.migration() != null || entry.state() != EntryState.ACTIVE) {
            throw HttpError.conflict("Queue " + key.queue() + " is already being moved (migration "
                    + entry.migration() + ").");
        }
        String destination = to != null ? to : placement.chooseExcept(key.project(), Set.of(entry.partition()));
        Partition target = directory.get(destination).orElseThrow(() -> HttpError.notFound(
                "Partition " + destination + " is not registered."));
        if (target.name().equals(entry.partition())) {
            throw HttpError.invalidBody("Queue " + key.queue() + " is already on partition " + destination + ".");
        }
        if (target.state() != PartitionState.ACTIVE) {
            throw HttpError.conflict("Partition " + destination + " is " + target.state().wireName()
                    + ": it takes no queues.");
        }
        context.agents().of(entry.partition());
        context.agents().of(destination);
        MigrationRecord record;
        try {
            record = context.migrations().start(key, entry.partition(), destination);
        } catch (MigrationConflictException e) {
            throw HttpError.conflict("Queue " + key.queue() + " is already being moved: " + e.getMessage() + ".");
        }
        drive(record.id(), false);
        return record;
    }

    /**
     * Cancels a migration that has not switched yet: it rolls back.
     *
     * @throws HttpError 404 unknown, 409 already switched or finished
     */
    public MigrationRecord cancel(String id, String reason) {
        while (true) {
            MigrationRecord record = context.migrations().get(id).orElseThrow(() -> HttpError.notFound(
                    "Migration " + id + " does not exist."));
            if (record.phase().isRollingBack()) {
                return record;
            }
            if (!record.phase().beforeSwitch()) {
                throw HttpError.conflict("Migration " + id + " is " + record.phase().wireName()
                        + ": it can no longer be cancelled.");
            }
            try {
                MigrationRecord cancelling = context.migrations().advance(id, record.phase(), MigrationPhase.CANCELLING,
                        reason);
                drive(id, true);
                return cancelling;
            } catch (MigrationConflictException e) {
                logger.debug("migration {} moved on while cancelling; again", id);
            }
        }
    }

    /**
     * Deletion wins: cancels the queue's migration when it has not switched yet, and waits (at most
     * {@code maxWaitMillis}) until the entry is settled on one partition, so that the deletion reaches the
     * partition that holds the queue and the rollback (or the switch) removes the other copy. Blocks.
     *
     * @throws HttpError 503 when the migration does not settle in time
     */
    public void settleBeforeDelete(QueueKey key, String migration, long maxWaitMillis) {
        try {
            cancel(migration, MigrationRunner.QUEUE_DELETED);
        } catch (HttpError e) {
            logger.debug("deleting {}: migration {} not cancelled: {}", key, migration, e.getMessage());
        }
        long deadline = System.nanoTime() + maxWaitMillis * 1_000_000;
        while (System.nanoTime() - deadline < 0) {
            Optional<CatalogueEntry> entry = context.catalogue().lookupFresh(key);
            if (entry.isEmpty() || entry.get().migration() == null) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw HttpError.of(HttpResponseStatus.SERVICE_UNAVAILABLE,
                "Service temporarily unavailable", "Queue " + key.queue() + " is being moved between partitions "
                        + "and its move is being cancelled. Please try the deletion again in a few seconds.")
                .withHeader("Retry-After", "1");
    }

    public Optional<MigrationRecord> get(String id) {
        return context.migrations().get(id);
    }

    public List<MigrationRecord> list(boolean activeOnly) {
        return activeOnly ? context.migrations().listActive() : context.migrations().list();
    }

    /** One pass: take over abandoned migrations, then move queues off draining partitions. */
    void scan() {
        if (closed) {
            return;
        }
        try {
            List<MigrationRecord> active = context.migrations().listActive();
            Instant now = context.clock().instant();
            active.stream().filter(record -> record.ownableBy(context.owner(), now))
                    .forEach(record -> drive(record.id(), pastCopy(record.phase())));
            drain(active);
        } catch (RuntimeException e) {
            logger.warn("migration scan failed: {}", e.toString());
        }
    }

    private void drain(List<MigrationRecord> active) {
        Set<String> moving = new HashSet<>();
        active.forEach(record -> moving.add(record.key().key()));
        for (Partition partition : directory.all()) {
            if (partition.state() != PartitionState.DRAINING || partition.agent() == null) {
                continue;
            }
            for (CatalogueEntry entry : context.catalogue().entriesOf(partition.name(), 100)) {
                if (forwardSlots() <= 0) {
                    return;
                }
                if (entry.migration() != null || moving.contains(entry.key().key())) {
                    continue;
                }
                try {
                    MigrationRecord record = start(entry.key(), null);
                    moving.add(record.key().key());
                    logger.info("draining {}: moving {} to {}", partition.name(), entry.key(), record.to());
                } catch (RuntimeException e) {
                    logger.warn("draining {}: cannot move {}: {}", partition.name(), entry.key(), e.toString());
                }
            }
        }
    }

    /** Past the copy, a migration holds writes or owes a switch: it runs whatever the bound. */
    private static boolean pastCopy(MigrationPhase phase) {
        return phase != MigrationPhase.PLANNED && phase != MigrationPhase.COPYING;
    }

    private int forwardSlots() {
        return context.settings().maxConcurrent() - running.size();
    }

    /** Runs the migration here unless this proxy already does, or (unless {@code always}) is at its bound. */
    private void drive(String id, boolean always) {
        if (closed || (!always && forwardSlots() <= 0) || running.putIfAbsent(id, Boolean.TRUE) != null) {
            return;
        }
        try {
            runners.execute(() -> {
                try {
                    new MigrationRunner(id, context, () -> closed).run();
                } catch (RuntimeException e) {
                    logger.warn("migration {} runner stopped: {}", id, e.toString());
                } finally {
                    running.remove(id);
                }
            });
        } catch (RuntimeException e) {
            running.remove(id);
            throw e;
        }
    }

    /** Stops driving migrations (their leases run out; another proxy or a restart resumes them). */
    @Override
    public void close() {
        closed = true;
        scanner.shutdownNow();
        runners.shutdownNow();
    }
}
