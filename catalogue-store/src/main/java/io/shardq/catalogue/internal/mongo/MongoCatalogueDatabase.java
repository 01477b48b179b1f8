package io.shardq.catalogue.internal.mongo;

import static java.util.Objects.requireNonNull;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.shardq.catalogue.CatalogueConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue's MongoDB database: the client, its collections and their indexes. Indexes are created on
 * open; if MongoDB is down then, they are created before the next write instead.
 *
 * <p>Collections: {@code catalogue} ({@code _id: "project/queue"}), {@code partitions} ({@code _id: name}),
 * {@code tenant_policies} ({@code _id: project}), {@code migrations} ({@code _id: id}) and
 * {@code migration_locks} ({@code _id: "project/queue"} of a running migration).
 */
public final class MongoCatalogueDatabase implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(MongoCatalogueDatabase.class);

    /** Replies may take longer than finding a server: the read timeout is this many times the MongoDB timeout… */
    private static final int READ_TIMEOUT_FACTOR = 5;
    /** …and at least this long. */
    private static final Duration MIN_READ_TIMEOUT = Duration.ofSeconds(5);

    private final MongoClient client;
    private final MongoDatabase database;
    private final AtomicBoolean indexed = new AtomicBoolean();

    private MongoCatalogueDatabase(MongoClient client, String database) {
        this.client = client;
        this.database = client.getDatabase(database);
    }

    /** Connects (lazily: the driver connects in the background) and tries to create the indexes. */
    public static MongoCatalogueDatabase open(CatalogueConfig config) {
        requireNonNull(config, "config");
        Duration timeout = config.mongoTimeout();
        long readTimeout = Math.max(MIN_READ_TIMEOUT.toMillis(), READ_TIMEOUT_FACTOR * timeout.toMillis());
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(config.mongoUri()))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) readTimeout, TimeUnit.MILLISECONDS))
                .build();
        MongoCatalogueDatabase db = new MongoCatalogueDatabase(MongoClients.create(settings), config.mongoDatabase());
        try {
            db.ensureIndexes();
        } catch (MongoException e) {
            logger.warn("catalogue database not reachable at start ({}); indexes will be created on first write",
                    e.getMessage());
        }
        return db;
    }

    /** Creates the indexes once (idempotent on the server too). */
    void ensureIndexes() {
        if (indexed.get()) {
            return;
        }
        entries().createIndex(Indexes.ascending("project", "queue"), new IndexOptions().unique(true));
        entries().createIndex(Indexes.ascending("partition"));
        migrations().createIndex(Indexes.ascending("project", "queue"));
        indexed.set(true);
    }

    /** Ensures the indexes, turning failures into {@code CatalogueUnavailableException}; call before writes. */
    void beforeWrite() {
        if (!indexed.get()) {
            MongoCalls.run("creating indexes", this::ensureIndexes);
        }
    }

    MongoCollection<Document> entries() {
        return database.getCollection("catalogue");
    }

    MongoCollection<Document> partitions() {
        return database.getCollection("partitions");
    }

    MongoCollection<Document> policies() {
        return database.getCollection("tenant_policies");
    }

    MongoCollection<Document> migrations() {
        return database.getCollection("migrations");
    }

    MongoCollection<Document> migrationLocks() {
        return database.getCollection("migration_locks");
    }

    @Override
    public void close() {
        client.close();
    }
}
