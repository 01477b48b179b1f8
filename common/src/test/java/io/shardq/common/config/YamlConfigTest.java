package io.shardq.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One file, two components: each reads its part and still reports its own unknown keys. */
class YamlConfigTest {

    record Limits(String mode, Integer size) {
    }

    record Server(String name, Limits limits) {
        static Server defaults() {
            return new Server(null, null);
        }
    }

    record Agent(String token, Integer port) {
    }

    record AgentPart(Agent agent) {
        static AgentPart defaults() {
            return new AgentPart(null);
        }
    }

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("unit.yml"), yaml);
    }

    @Test
    void eachComponentReadsItsPartOfASharedFile() throws IOException {
        Path file = write("""
                name: p1
                limits: {mode: off, size: 3}
                agent:
                  token: yes
                  port: 7001
                """);

        Server server = YamlConfig.loadPart(file, Server.class, Server::defaults, "agent"::equals);
        AgentPart agent = YamlConfig.loadPart(file, AgentPart.class, AgentPart::defaults, key -> true);

        assertThat(server).isEqualTo(new Server("p1", new Limits("off", 3)));
        assertThat(agent.agent()).isEqualTo(new Agent("yes", 7001));
    }

    @Test
    void unknownKeysOfAPartAreStillErrors() throws IOException {
        Path nested = write("""
                limits: {agent: 1}
                """);

        assertThatThrownBy(() -> YamlConfig.loadPart(nested, Server.class, Server::defaults, "agent"::equals))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'agent'");

        Path topLevel = write("""
                nmae: p1
                """);

        assertThatThrownBy(() -> YamlConfig.loadPart(topLevel, Server.class, Server::defaults, "agent"::equals))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'nmae'");
    }

    @Test
    void anAbsentPartIsItsDefaults() throws IOException {
        Path file = write("name: p1\n");

        assertThat(YamlConfig.loadPart(file, AgentPart.class, AgentPart::defaults, key -> true).agent()).isNull();
        assertThat(YamlConfig.loadPart(null, AgentPart.class, AgentPart::defaults, key -> true).agent()).isNull();
    }
}
