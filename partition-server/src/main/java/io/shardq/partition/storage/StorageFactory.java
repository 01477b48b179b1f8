package io.shardq.partition.storage;

import io.shardq.partition.config.StorageConfig;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.time.Clock;

/** The one place a storage driver is chosen, from {@code storage.type}. */
public final class StorageFactory {

    private StorageFactory() {
    }

    public static Storage create(StorageConfig config, Clock clock) {
        return switch (config.type()) {
            case "memory" -> new InMemoryStorage(clock);
            default -> throw new IllegalArgumentException("storage.type " + config.type() + " is not available");
        };
    }
}
