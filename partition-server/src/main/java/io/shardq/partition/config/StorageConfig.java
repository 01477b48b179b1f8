package io.shardq.partition.config;

import java.util.List;
import java.util.Set;

/**
 * Where the partition keeps its queues.
 *
 * @param type     {@code memory} (default), {@code redis}, {@code mongo} or {@code embedded} (durable, in-process)
 * @param uri      {@code redis://host:port}, {@code mongodb://…}, or for {@code embedded} a directory {@code file:///path}
 * @param database MongoDB database name; default {@value #DEFAULT_DATABASE}
 */
public record StorageConfig(String type, String uri, String database) {

    public static final String DEFAULT_TYPE = "memory";
    public static final String DEFAULT_DATABASE = "shardq";
    public static final Set<String> TYPES = Set.of("memory", "redis", "mongo", "embedded");

    public StorageConfig {
        type = type == null ? DEFAULT_TYPE : type;
        database = database == null ? DEFAULT_DATABASE : database;
    }

    public static StorageConfig memory() {
        return new StorageConfig(DEFAULT_TYPE, null, null);
    }

    void validate(List<String> problems) {
        if (!TYPES.contains(type)) {
            problems.add("storage.type: " + type + " (expected: one of memory, redis, mongo, embedded)");
            return;
        }
        if (type.equals("redis") && (uri == null || !uri.startsWith("redis://"))) {
            problems.add("storage.uri: " + uri + " (expected: redis://host:port for storage.type redis)");
        }
        if (type.equals("mongo") && (uri == null || !uri.startsWith("mongodb"))) {
            problems.add("storage.uri: " + uri + " (expected: mongodb://… for storage.type mongo)");
        }
        if (type.equals("embedded") && uri != null && !uri.startsWith("file:")) {
            problems.add("storage.uri: " + uri + " (expected: file:///directory for storage.type embedded)");
        }
    }
}
