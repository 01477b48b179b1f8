package io.shardq.partition.config;

import io.shardq.common.config.ConfigException;
import io.shardq.common.config.YamlConfig;
import java.nio.file.Path;

/** Reads a {@link PartitionServerConfig} from YAML and validates it, reporting every problem at once. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads {@code file}, or the defaults when {@code file} is null. Does not validate. */
    public static PartitionServerConfig load(Path file) {
        return YamlConfig.load(file, PartitionServerConfig.class, PartitionServerConfig::defaults);
    }

    /** Throws {@link ConfigException} listing every problem, or returns {@code config}. */
    public static PartitionServerConfig validate(String source, PartitionServerConfig config) {
        YamlConfig.requireValid(source, config.problems());
        return config;
    }
}
