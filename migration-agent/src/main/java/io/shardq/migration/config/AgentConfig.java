package io.shardq.migration.config;

import io.shardq.common.config.YamlConfig;
import io.shardq.partition.config.StorageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's settings (YAML, snake_case keys; see deploy/migration-agent.yml).
 *
 * @param host    address to listen on; default {@value #DEFAULT_HOST}
 * @param port    port, 0 = any free port; default 0
 * @param token   bearer token required from clients and sent to destination agents; default none
 * @param storage the partition's storage, as the partition server's {@code storage} section; default memory
 */
public record AgentConfig(String host, Integer port, String token, StorageConfig storage) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;

    public AgentConfig {
        host = host == null ? DEFAULT_HOST : host;
        port = port == null ? DEFAULT_PORT : port;
        token = token == null || token.isEmpty() ? null : token;
        storage = storage == null ? StorageConfig.memory() : storage;
    }

    public static AgentConfig defaults() {
        return new AgentConfig(null, null, null, null);
    }

    /** The file's settings ({@code null}: defaults), not yet validated. */
    public static AgentConfig load(Path file) {
        return YamlConfig.load(file, AgentConfig.class, AgentConfig::defaults);
    }

    /** Throws {@link io.shardq.common.config.ConfigException} listing every problem, unless there is none. */
    public AgentConfig validate(String source) {
        List<String> problems = new ArrayList<>();
        if (port < 0 || port > 65_535) {
            problems.add("port: " + port + " (expected: 0 to 65535)");
        }
        String type = storage.type();
        String uri = storage.uri();
        if (!StorageConfig.TYPES.contains(type)) {
            problems.add("storage.type: " + type + " (expected: one of memory, redis, mongo, embedded)");
        } else if (type.equals("redis") && (uri == null || !uri.startsWith("redis://"))) {
            problems.add("storage.uri: " + uri + " (expected: redis://host:port for storage.type redis)");
        } else if (type.equals("mongo") && (uri == null || !uri.startsWith("mongodb"))) {
            problems.add("storage.uri: " + uri + " (expected: mongodb://… for storage.type mongo)");
        } else if (type.equals("embedded") && uri != null && !uri.startsWith("file:")) {
            problems.add("storage.uri: " + uri + " (expected: file:///directory for storage.type embedded)");
        }
        YamlConfig.requireValid(source, problems);
        return this;
    }
}
