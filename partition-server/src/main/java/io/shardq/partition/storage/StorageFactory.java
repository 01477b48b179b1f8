package io.shardq.partition.storage;

import io.shardq.partition.config.StorageConfig;
import io.shardq.partition.storage.memory.InMemoryStorage;
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
            default -> throw new IllegalArgumentException("storage.type " + config.type() + " is not available");
        };
    }
}
