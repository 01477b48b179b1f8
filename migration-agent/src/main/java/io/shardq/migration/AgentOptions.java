package io.shardq.migration;

import io.shardq.migration.config.AgentConfig;
import io.shardq.partition.config.StorageConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The command-line settings of {@code migration-agent} and its {@code check} subcommand; flags win over the file. */
final class AgentOptions {

    @Option(names = "--config", description = "YAML configuration file (see deploy/migration-agent.yml).")
    Path config;

    @Option(names = "--host", description = "Address to listen on (default 127.0.0.1).")
    String host;

    @Option(names = {"--port", "--public-port"}, description = "Port (0 = any free port, the default).")
    Integer port;

    @Option(names = "--storage", description = "The partition's storage: memory, redis, mongo or embedded (default memory).")
    String storage;

    @Option(names = "--storage-uri", description = "redis://host:port, mongodb://…, or file:///dir for embedded.")
    String storageUri;

    @Option(names = "--storage-database", description = "MongoDB database of storage type mongo (default shardq).")
    String storageDatabase;

    @Option(names = "--token", defaultValue = "${env:AGENT_TOKEN}",
            description = "Bearer token clients must send and that is sent to destination agents "
                    + "(default: environment AGENT_TOKEN; none = no authentication).")
    String token;

    /** The file's settings overridden by the flags, validated; throws ConfigException listing every problem. */
    AgentConfig resolve() {
        AgentConfig file = AgentConfig.load(config);
        StorageConfig base = file.storage();
        StorageConfig storageConfig = new StorageConfig(storage == null ? base.type() : storage,
                storageUri == null ? base.uri() : storageUri,
                storageDatabase == null ? base.database() : storageDatabase);
        AgentConfig resolved = new AgentConfig(host == null ? file.host() : host, port == null ? file.port() : port,
                token == null || token.isEmpty() ? file.token() : token, storageConfig);
        return resolved.validate(config == null ? "command line" : config.toString());
    }
}
