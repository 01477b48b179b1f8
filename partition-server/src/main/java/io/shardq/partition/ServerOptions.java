package io.shardq.partition;

import io.shardq.common.config.ConfigException;
import io.shardq.partition.config.ConfigLoader;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.config.StorageConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The command-line settings shared by {@code partition-server} and its {@code check} subcommand, and by
 * commands that run a partition server among other things (the migration agent's partition unit).
 */
public final class ServerOptions {

    @Option(names = "--config", description = "YAML configuration file (see deploy/${ROOT-COMMAND-NAME}.yml).")
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
    public PartitionServerConfig resolve() {
        return ConfigLoader.validate(source(), apply(ConfigLoader.load(config)));
    }

    /** {@code base} (read from {@link #configFile()} by the caller) overridden by the flags; not validated. */
    public PartitionServerConfig apply(PartitionServerConfig base) {
        PartitionServerConfig resolved = base.withPorts(publicPort, adminPort);
        if (storage != null || storageUri != null || storageDatabase != null) {
            StorageConfig file = resolved.storage();
            resolved = resolved.withStorage(new StorageConfig(storage == null ? file.type() : storage,
                    storageUri == null ? file.uri() : storageUri,
                    storageDatabase == null ? file.database() : storageDatabase));
        }
        return name == null ? resolved : resolved.withName(name);
    }

    /** The {@code --config} file, or null. */
    public Path configFile() {
        return config;
    }

    /** Where the settings come from, for problem reports: the file, or {@code command line}. */
    public String source() {
        return config == null ? "command line" : config.toString();
    }
}
