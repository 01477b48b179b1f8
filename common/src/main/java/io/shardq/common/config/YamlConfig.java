package io.shardq.common.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads a configuration record tree from YAML with snake_case keys; unknown keys are errors. A file shared by
 * several components (a partition unit: the partition server's keys plus an {@code agent:} section) is read
 * once per component with {@link #loadPart}.
 */
public final class YamlConfig {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private YamlConfig() {
    }

    /** {@code file} as a {@code type}, or {@code defaults} when the file is null or empty. Does not validate. */
    public static <T> T load(Path file, Class<T> type, Supplier<T> defaults) {
        return read(file, YAML.readerFor(type), defaults);
    }

    /**
     * As {@link #load}, for one component's part of a shared file: top-level keys that {@code type} does not know
     * and that {@code othersKey} accepts belong to other components and are skipped; any other unknown key is an
     * error. (Values are read as {@code type} declares them, not through a tree, so that YAML 1.1 words such as
     * {@code off} stay text where text is expected.)
     */
    public static <T> T loadPart(Path file, Class<T> type, Supplier<T> defaults, Predicate<String> othersKey) {
        return read(file, YAML.readerFor(type).withHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                                 JsonDeserializer<?> deserializer, Object beanOrClass, String key)
                    throws IOException {
                boolean topLevel = beanOrClass == type || type.isInstance(beanOrClass);
                if (topLevel && othersKey.test(key)) {
                    parser.skipChildren();
                    return true;
                }
                return false;
            }
        }), defaults);
    }

    private static <T> T read(Path file, ObjectReader reader, Supplier<T> defaults) {
        if (file == null) {
            return defaults.get();
        }
        try {
            if (Files.size(file) == 0) {
                return defaults.get();
            }
            T config = reader.readValue(file.toFile());
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
