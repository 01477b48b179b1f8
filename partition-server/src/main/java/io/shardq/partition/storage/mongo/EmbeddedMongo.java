package io.shardq.partition.storage.mongo;

import static java.util.Objects.requireNonNull;

import io.shardq.common.mongo.EmbeddedMongoServer;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable embedded default: an in-process MongoDB-wire server ({@code mongo-java-server}) whose H2
 * backend keeps its data in one MVStore file in a directory, on a free loopback port, and a
 * {@link MongoStorage} against it. {@link #close()} stops both cleanly; starting again on the same
 * directory finds every queue, message and claim. Other processes (the migration agent) may connect to
 * {@link #uri()} while it runs.
 */
public final class EmbeddedMongo implements Storage {

    private static final Logger logger = LoggerFactory.getLogger(EmbeddedMongo.class);

    /** The store file inside the data directory. */
    public static final String STORE_FILE = "shardq.mv";
    /** The database name used inside the embedded server. */
    public static final String DATABASE = "shardq";

    private final EmbeddedMongoServer server;
    private final String uri;
    private final MongoStorage storage;

    private EmbeddedMongo(EmbeddedMongoServer server, String uri, MongoStorage storage) {
        this.server = server;
        this.uri = uri;
        this.storage = storage;
    }

    /** Opens (or creates) the store in {@code directory} and serves it on a free loopback port. */
    public static EmbeddedMongo start(Path directory, Clock clock) {
        return start(directory, clock, MongoStorageSettings.DEFAULTS);
    }

    public static EmbeddedMongo start(Path directory, Clock clock, MongoStorageSettings settings) {
        requireNonNull(directory, "directory");
        requireNonNull(clock, "clock");
        EmbeddedMongoServer server = EmbeddedMongoServer.start(directory.resolve(STORE_FILE), "127.0.0.1", 0);
        try {
            MongoStorage storage = new MongoStorage(server.uri(), DATABASE, clock, settings);
            logger.info("embedded MongoDB on {} with data in {}", server.uri(), directory.resolve(STORE_FILE));
            return new EmbeddedMongo(server, server.uri(), storage);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The connection string of the embedded server. */
    public String uri() {
        return uri;
    }

    /** The storage against the embedded server (this object delegates to it as well). */
    public MongoStorage storage() {
        return storage;
    }

    @Override
    public QueueStore queues() {
        return storage.queues();
    }

    @Override
    public MessageStore messages() {
        return storage.messages();
    }

    @Override
    public ClaimStore claims() {
        return storage.claims();
    }

    @Override
    public FenceStore fences() {
        return storage.fences();
    }

    @Override
    public QueueTransfer transfer() {
        return storage.transfer();
    }

    @Override
    public CompletionStage<Boolean> isAlive() {
        return storage.isAlive();
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    /** Closes the storage, then the server, which commits and closes the store file. */
    @Override
    public void close() {
        try {
            storage.close();
        } finally {
            server.close();
        }
    }
}
