package io.shardq.partition.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.common.config.ConfigException;
import io.shardq.common.config.ListenerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void validFileIsReadWithSnakeCaseKeysAndTheRestDefaulted() throws IOException {
        Path file = write("""
                name: p7
                public:
                  host: 0.0.0.0
                  port: 0
                storage:
                  type: redis
                  uri: redis://127.0.0.1:6379
                http:
                  max_request_bytes: 2048
                  idle_timeout_seconds: 5
                limits:
                  max_messages_per_page: 50
                  client_id_uuid_safe: off
                  message_delete_with_claim_id: true
                """);

        PartitionServerConfig config = ConfigLoader.validate(file.toString(), ConfigLoader.load(file));

        assertThat(config.name()).isEqualTo("p7");
        assertThat(config.publicApi()).isEqualTo(ListenerConfig.of("0.0.0.0", 0));
        assertThat(config.admin()).isEqualTo(ListenerConfig.of("127.0.0.1", 8889));
        assertThat(config.storage()).isEqualTo(new StorageConfig("redis", "redis://127.0.0.1:6379", "shardq"));
        assertThat(config.http().maxRequestBytes()).isEqualTo(2048);
        assertThat(config.http().idleTimeoutSeconds()).isEqualTo(5);
        assertThat(config.http().maxHeaderBytes()).isEqualTo(HttpConfig.DEFAULT_MAX_HEADER_BYTES);
        assertThat(config.limits().maxMessagesPerPage()).isEqualTo(50);
        assertThat(config.limits().maxQueuesPerPage()).isEqualTo(LimitsConfig.DEFAULT_PAGE);
        assertThat(config.limits().clientIdUuidSafe()).isEqualTo("off");
        assertThat(config.limits().strictClientId()).isFalse();
        assertThat(config.limits().messageDeleteWithClaimId()).isTrue();
    }

    @Test
    void noFileOrAnEmptyFileGivesTheDefaults() throws IOException {
        PartitionServerConfig defaults = PartitionServerConfig.defaults();

        assertThat(ConfigLoader.load(null)).isEqualTo(defaults);
        assertThat(ConfigLoader.load(write(""))).isEqualTo(defaults);
        assertThat(defaults.problems()).isEmpty();
        assertThat(defaults.name()).isEqualTo("partition");
        assertThat(defaults.publicApi()).isEqualTo(ListenerConfig.of("127.0.0.1", 8888));
        assertThat(defaults.storage().type()).isEqualTo("memory");
        assertThat(defaults.http()).isEqualTo(new HttpConfig(1 << 20, 16 * 1024, 8 * 1024, 120, 0, 500));
        assertThat(defaults.limits()).isEqualTo(new LimitsConfig(3600, 300, 60, 20, 20, 20, 65536, 262144, 1209600,
                900, 43200, 43200, "strict", 10, 36, false));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "http:\\n  max_request_byte: 10   | max_request_byte",
        "colour: blue                     | colour",
        "limits:\\n  max_message_tll: 60  | max_message_tll",
    })
    void unknownKeyIsNamedInTheError(String yaml, String key) throws IOException {
        Path file = write(yaml.replace("\\n", "\n"));

        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).singleElement().asString().startsWith("unknown key '" + key + "' at ");
            assertThat(e.getMessage()).startsWith(file + " has 1 problem(s):").contains("'" + key + "'");
        });
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() throws IOException {
        Path file = write("""
                name: " "
                public:
                  port: 70000
                storage:
                  type: cassandra
                http:
                  max_request_bytes: 0
                  worker_threads: -1
                limits:
                  default_message_ttl: 30
                  max_messages_per_page: -5
                  client_id_uuid_safe: loose
                  min_length_client_id: 40
                """);
        PartitionServerConfig config = ConfigLoader.load(file);

        assertThatThrownBy(() -> ConfigLoader.validate("partition.yml", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "name: must not be blank",
                        "public.port: 70000 (expected: 0..65535)",
                        "storage.type: cassandra (expected: one of memory, redis, mongo, embedded)",
                        "http.max_request_bytes: 0 (expected: > 0)",
                        "http.worker_threads: -1 (expected: >= 0)",
                        "limits.default_message_ttl: 30 (expected: 60..1209600)",
                        "limits.max_messages_per_page: -5 (expected: > 0)",
                        "limits.client_id_uuid_safe: loose (expected: strict or off)",
                        "limits.min_length_client_id: 40 (expected: 1..max_length_client_id 36)"))
                .hasMessageStartingWith("partition.yml has 9 problem(s):\n  - name: must not be blank\n  - ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "redis     | -                      | storage.uri: null (expected: redis://host:port for storage.type redis)",
        "mongo     | redis://x              | storage.uri: redis://x (expected: mongodb://… for storage.type mongo)",
        "embedded  | /var/lib/shardq        "
                + "| storage.uri: /var/lib/shardq (expected: file:///directory for storage.type embedded)",
    })
    void storageUriMustFitItsType(String type, String uri, String problem) {
        PartitionServerConfig config = PartitionServerConfig.defaults()
                .withStorage(new StorageConfig(type, "-".equals(uri) ? null : uri, null));

        assertThat(config.problems()).containsExactly(problem);
    }

    @Test
    void malformedYamlIsOneProblem() throws IOException {
        Path file = write("http: [unclosed");

        assertThatThrownBy(() -> ConfigLoader.load(file)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).hasSize(1));
    }

    @Test
    void missingFileIsAProblemNamingIt() {
        Path missing = dir.resolve("absent.yml");

        assertThatThrownBy(() -> ConfigLoader.load(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("absent.yml");
    }

    @Test
    void validConfigIsReturnedUnchanged() {
        PartitionServerConfig config = PartitionServerConfig.defaults().withName("p2");

        assertThat(ConfigLoader.validate("cli", config)).isSameAs(config);
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "partition", ".yml"), yaml);
    }
}
