package io.shardq.partition.storage.mongo;

import static java.util.Objects.requireNonNull;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB storage driver: five collections in one database (see {@link MongoCollections}), no
 * transactions, so it runs on a real MongoDB (6+) and on the in-process MongoDB-wire server alike, with
 * any number of partition-server nodes sharing the database (and so their fences, write leases and change
 * journals).
 * Blocking driver calls run on a bounded named pool ({@link MongoCalls}); one daemon thread schedules the
 * polls of freezes waiting for write leases; every time decision uses the injected {@link Clock}.
 */
public final class MongoStorage implements Storage {

    private static final Logger logger = LoggerFactory.getLogger(MongoStorage.class);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    /**
     * How long a write lease is honoured by default: a freeze does not wait for leases taken longer ago than
     * this (by the storage clock): 10 s. Set another with {@link MongoStorageSettings#withLeaseTimeout}.
     */
    public static final Duration DEFAULT_LEASE_TIMEOUT = MongoStorageSettings.DEFAULT_LEASE_TIMEOUT;

    private final MongoClient client;
    private final String database;
    private final MongoCalls calls;
    private final MongoQueueStore queues;
    private final MongoMessageStore messages;
    private final MongoClaimStore claims;
    private final MongoFenceStore fences;
    private final MongoQueueTransfer transfer;
    private final ScheduledExecutorService scheduler;

    public MongoStorage(String connectionString, String database, Clock clock) {
        this(connectionString, database, clock, MongoStorageSettings.DEFAULTS);
    }

    /**
     * Connects and creates the indexes.
     *
     * @throws StorageUnavailableException if MongoDB cannot be reached within the configured timeout
     */
    public MongoStorage(String connectionString, String database, Clock clock, MongoStorageSettings settings) {
        requireNonNull(connectionString, "connectionString");
        this.database = requireNonNull(database, "database");
        requireNonNull(clock, "clock");
        requireNonNull(settings, "settings");
        this.client = MongoClients.create(clientSettings(connectionString, settings));
        this.calls = new MongoCalls(settings.threads(), settings.queuedCalls());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shardq-mongo-fence-poll");
            thread.setDaemon(true);
            return thread;
        });
        MongoCollections collections = new MongoCollections(client.getDatabase(database), settings.ttlIndexMargin());
        try {
            collections.ensureIndexes();
        } catch (RuntimeException e) {
            close();
            throw (RuntimeException) MongoCalls.map(e);
        }
        PositionSequencer sequencer = new PositionSequencer(collections.queues(), clock, settings.stallWindow());
        BatchAppender appender = new BatchAppender(collections, sequencer);
        this.queues = new MongoQueueStore(collections, calls, clock);
        this.messages = new MongoMessageStore(collections, calls, appender, clock);
        this.claims = new MongoClaimStore(collections, calls, new DeadLetterMover(collections, appender), clock);
        ChangeJournals journals = new ChangeJournals(collections);
        this.fences = new MongoFenceStore(collections, journals, calls, clock, scheduler, settings.leaseTimeout());
        this.transfer = new MongoQueueTransfer(collections, journals, calls,
                new ImportWriter(collections, sequencer, clock), clock);
    }

    private static MongoClientSettings clientSettings(String connectionString, MongoStorageSettings settings) {
        long timeoutMillis = settings.timeout().toMillis();
        return MongoClientSettings.builder()
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout((int) timeoutMillis, TimeUnit.MILLISECONDS)
                        .readTimeout((int) timeoutMillis * 2, TimeUnit.MILLISECONDS))
                .applyToConnectionPoolSettings(pool -> pool
                        .maxSize(settings.threads() + 4)
                        .maxWaitTime(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyConnectionString(new ConnectionString(connectionString))
                .build();
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public FenceStore fences() {
        return fences;
    }

    @Override
    public QueueTransfer transfer() {
        return transfer;
    }

    /** Sends {@code ping}; {@code false} on any failure or after 2 s (it also never waits for a busy pool longer). */
    @Override
    public CompletionStage<Boolean> isAlive() {
        return calls.call(() -> {
                    Document answer = client.getDatabase(database).runCommand(new Document("ping", 1)
                            .append("maxTimeMS", PING_TIMEOUT.toMillis()));
                    return answer.get("ok") instanceof Number ok && ok.doubleValue() == 1.0;
                })
                .toCompletableFuture()
                .completeOnTimeout(false, PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    logger.debug("MongoDB ping failed", failure);
                    return false;
                });
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (fences != null) {
            fences.close();
        }
        calls.close();
        client.close();
    }
}
