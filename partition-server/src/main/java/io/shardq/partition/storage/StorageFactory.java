package io.shardq.partition.storage;

import io.shardq.partition.config.StorageConfig;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.partition.storage.mongo.EmbeddedMongo;
import io.shardq.partition.storage.mongo.MongoStorage;
import io.shardq.partition.storage.redis.RedisStorage;
import java.time.Clock;

/** The one place a storage driver is chosen, from {@code storage.type}. */
public final class StorageFactory {

    private StorageFactory() {
    }

    public static Storage create(StorageConfig config, Clock clock) {
        return switch (config.type()) {
            case "memory" -> new InMemoryStorage(clock);
            case "redis" -> new RedisStorage(config.uri(), clock);
            case "mongo" -> new MongoStorage(config.uri(), config.database(), clock);
            case "embedded" -> EmbeddedMongo.start(embeddedDirectory(config), clock);
            default -> throw new IllegalArgumentException("storage.type " + config.type() + " is not available");
        };
    }

    /** The data directory of the embedded store: {@code file:///dir}, or {@code ./data/<name>} by default. */
    private static java.nio.file.Path embeddedDirectory(StorageConfig config) {
        return config.uri() == null ? java.nio.file.Path.of("data", "partition")
                : java.nio.file.Path.of(java.net.URI.create(config.uri()));
    }
}
