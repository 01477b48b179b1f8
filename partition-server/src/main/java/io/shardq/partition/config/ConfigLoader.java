package io.shardq.partition.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a {@link PartitionServerConfig} from YAML and validates it, reporting every problem at once. */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ConfigLoader() {
    }

    /** Loads {@code file}, or the defaults when {@code file} is null. Does not validate. */
    public static PartitionServerConfig load(Path file) {
        if (file == null) {
            return PartitionServerConfig.defaults();
        }
        try {
            if (Files.size(file) == 0) {
                return PartitionServerConfig.defaults();
            }
            PartitionServerConfig config = YAML.readValue(file.toFile(), PartitionServerConfig.class);
            return config == null ? PartitionServerConfig.defaults() : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file.toString(), List.of("unknown key '" + e.getPropertyName() + "' at "
                    + e.getPathReference() + " (known: " + e.getKnownPropertyIds() + ")"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(e.getMessage()));
        }
    }

    /** Throws {@link ConfigException} listing every problem, or returns {@code config}. */
    public static PartitionServerConfig validate(String source, PartitionServerConfig config) {
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return config;
    }
}
