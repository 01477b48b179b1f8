package io.shardq.common.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Reads a configuration record tree from YAML with snake_case keys; unknown keys are errors. */
public final class YamlConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private YamlConfig() {
    }

    /** {@code file} as a {@code type}, or {@code defaults} when the file is null or empty. Does not validate. */
    public static <T> T load(Path file, Class<T> type, Supplier<T> defaults) {
        if (file == null) {
            return defaults.get();
        }
        try {
            if (Files.size(file) == 0) {
                return defaults.get();
            }
            T config = YAML.readValue(file.toFile(), type);
            return config == null ? defaults.get() : config;
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file.toString(), List.of("unknown key '" + e.getPropertyName() + "' at "
                    + e.getPathReference() + " (known: " + e.getKnownPropertyIds() + ")"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of(e.getMessage()));
        }
    }

    /** Throws {@link ConfigException} listing every problem, unless there is none. */
    public static void requireValid(String source, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
