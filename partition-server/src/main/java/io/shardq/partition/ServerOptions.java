package io.shardq.partition;

import io.shardq.common.config.ConfigException;
import io.shardq.partition.config.ConfigLoader;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.config.StorageConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The command-line settings shared by {@code partition-server} and its {@code check} subcommand. */
final class ServerOptions {

    @Option(names = "--config", description = "YAML configuration file (see deploy/partition-server.yml).")
    Path config;

    @Option(names = "--public-port", description = "Public API port (0 = any free port).")
    Integer publicPort;

    @Option(names = "--admin-port", description = "Admin port (0 = any free port).")
    Integer adminPort;

    @Option(names = "--storage", description = "Storage type: memory, redis, mongo or embedded.")
    String storage;

    @Option(names = "--storage-uri", description = "redis://host:port, mongodb://…, or file:///dir for embedded.")
    String storageUri;

    @Option(names = "--storage-database", description = "MongoDB database of storage types mongo (default shardq).")
    String storageDatabase;

    @Option(names = "--name", description = "Partition name (logs, fence answers).")
    String name;

    /** The file's settings overridden by the flags, validated; throws ConfigException listing every problem. */
    PartitionServerConfig resolve() {
        PartitionServerConfig loaded = ConfigLoader.load(config).withPorts(publicPort, adminPort);
        if (storage != null || storageUri != null || storageDatabase != null) {
            StorageConfig base = loaded.storage();
            loaded = loaded.withStorage(new StorageConfig(storage == null ? base.type() : storage,
                    storageUri == null ? base.uri() : storageUri,
                    storageDatabase == null ? base.database() : storageDatabase));
        }
        if (name != null) {
            loaded = loaded.withName(name);
        }
        return ConfigLoader.validate(config == null ? "command line" : config.toString(), loaded);
    }
}
