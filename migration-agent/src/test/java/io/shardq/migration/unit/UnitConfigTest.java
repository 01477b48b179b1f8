package io.shardq.migration.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.common.config.ConfigException;
import io.shardq.common.config.ListenerConfig;
import io.shardq.partition.config.StorageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A unit's file is a partition server's plus {@code agent:}; flags win; every problem of both is reported. */
class UnitConfigTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "unit", ".yml"), yaml);
    }

    private static UnitConfig resolve(String... args) {
        UnitOptions options = new UnitOptions();
        new CommandLine(new Holder(options)).parseArgs(args);
        return options.resolve();
    }

    /** Picocli needs a command to parse a mixin's options. */
    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        final UnitOptions options;

        Holder(UnitOptions options) {
            this.options = options;
        }
    }

    @Test
    void theFileHoldsThePartitionServersKeysAndAnAgentSection() throws IOException {
        Path file = write("""
                name: p3
                public: {host: 127.0.0.1, port: 0}
                admin: {port: 0}
                storage: {type: embedded, uri: "file:///var/lib/shardq/p3"}
                limits: {client_id_uuid_safe: off}
                agent:
                  host: 10.0.0.3
                  port: 7003
                  token: agent-secret
                """);

        UnitConfig config = resolve("--config", file.toString());

        assertThat(config.partition().name()).isEqualTo("p3");
        assertThat(config.partition().publicApi()).isEqualTo(ListenerConfig.of("127.0.0.1", 0));
        assertThat(config.partition().storage()).isEqualTo(new StorageConfig("embedded", "file:///var/lib/shardq/p3",
                StorageConfig.DEFAULT_DATABASE));
        assertThat(config.partition().limits().strictClientId()).isFalse();
        assertThat(config.agent()).isEqualTo(new UnitAgentConfig("10.0.0.3", 7003, "agent-secret"));
    }

    @Test
    void flagsOverrideTheFileAndDefaultsFillTheRest() throws IOException {
        Path file = write("""
                storage: {type: redis, uri: "redis://127.0.0.1:6379"}
                agent: {port: 7003}
                """);

        UnitConfig config = resolve("--config", file.toString(), "--name", "p9", "--public-port", "0",
                "--storage", "memory", "--agent-port", "0", "--agent-host", "0.0.0.0", "--agent-token", "t0ken");

        assertThat(config.partition().name()).isEqualTo("p9");
        assertThat(config.partition().publicApi().port()).isZero();
        assertThat(config.partition().admin().port()).isEqualTo(8889);
        assertThat(config.partition().storage().type()).isEqualTo("memory");
        assertThat(config.agent()).isEqualTo(new UnitAgentConfig("0.0.0.0", 0, "t0ken"));
    }

    @Test
    void withoutAFileOrAgentFlagsTheAgentTakesAnyFreeLoopbackPort() {
        UnitConfig config = resolve();

        assertThat(config.agent()).isEqualTo(new UnitAgentConfig("127.0.0.1", 0, System.getenv("AGENT_TOKEN")));
        assertThat(config.partition().storage().type()).isEqualTo("memory");
    }

    @Test
    void problemsOfBothPartsAreReportedAtOnce() throws IOException {
        Path file = write("""
                storage: {type: redis}
                agent: {port: 70000}
                """);

        assertThatThrownBy(() -> resolve("--config", file.toString())).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).containsExactly(
                        "storage.uri: null (expected: redis://host:port for storage.type redis)",
                        "agent.port: 70000 (expected: 0..65535)"));
    }

    @Test
    void unknownKeysInEitherPartAreErrors() throws IOException {
        Path agentTypo = write("agent: {prot: 1}\n");
        Path serverTypo = write("stroage: {type: memory}\n");

        assertThatThrownBy(() -> resolve("--config", agentTypo.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'prot'");
        assertThatThrownBy(() -> resolve("--config", serverTypo.toString())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'stroage'");
    }
}
