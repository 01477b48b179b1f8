package io.shardq.partition.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shardq.common.config.ListenerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The partition server's whole configuration, one immutable tree read from YAML (snake_case keys).
 *
 * @param name       partition name, used in logs and fence answers; default {@value #DEFAULT_NAME}
 * @param publicApi  the queue API listener ({@code public:}); default port {@value #DEFAULT_PUBLIC_PORT}
 * @param admin      the admin listener (health, metrics); default port {@value #DEFAULT_ADMIN_PORT}
 */
public record PartitionServerConfig(String name,
                                    @JsonProperty("public") ListenerConfig publicApi,
                                    ListenerConfig admin,
                                    StorageConfig storage,
                                    HttpConfig http,
                                    LimitsConfig limits) {

    public static final String DEFAULT_NAME = "partition";
    public static final int DEFAULT_PUBLIC_PORT = 8888;
    public static final int DEFAULT_ADMIN_PORT = 8889;

    public PartitionServerConfig {
        name = name == null ? DEFAULT_NAME : name;
        publicApi = (publicApi == null ? new ListenerConfig(null, null) : publicApi).withDefaultPort(DEFAULT_PUBLIC_PORT);
        admin = (admin == null ? new ListenerConfig(null, null) : admin).withDefaultPort(DEFAULT_ADMIN_PORT);
        storage = storage == null ? StorageConfig.memory() : storage;
        http = http == null ? HttpConfig.defaults() : http;
        limits = limits == null ? LimitsConfig.defaults() : limits;
    }

    public static PartitionServerConfig defaults() {
        return new PartitionServerConfig(null, null, null, null, null, null);
    }

    /** Every problem in this configuration; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name.isBlank()) {
            problems.add("name: must not be blank");
        }
        publicApi.validate("public", problems);
        admin.validate("admin", problems);
        storage.validate(problems);
        http.validate(problems);
        limits.validate(problems);
        return problems;
    }

    public PartitionServerConfig withPorts(Integer publicPort, Integer adminPort) {
        return new PartitionServerConfig(name,
                publicPort == null ? publicApi : ListenerConfig.of(publicApi.host(), publicPort),
                adminPort == null ? admin : ListenerConfig.of(admin.host(), adminPort),
                storage, http, limits);
    }

    public PartitionServerConfig withStorage(StorageConfig newStorage) {
        return new PartitionServerConfig(name, publicApi, admin, newStorage, http, limits);
    }

    public PartitionServerConfig withName(String newName) {
        return new PartitionServerConfig(newName, publicApi, admin, storage, http, limits);
    }
}
