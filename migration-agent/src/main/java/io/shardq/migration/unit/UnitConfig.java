package io.shardq.migration.unit;

import static java.util.Objects.requireNonNull;

import io.shardq.common.config.YamlConfig;
import io.shardq.partition.config.ConfigLoader;
import io.shardq.partition.config.PartitionServerConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition unit's settings: every key of a partition server's file (deploy/partition-server.yml) plus an
 * {@code agent:} section (deploy/partition-unit.yml). One storage serves both.
 */
public record UnitConfig(PartitionServerConfig partition, UnitAgentConfig agent) {

    /** The top-level key of the agent's section. */
    static final String AGENT_KEY = "agent";

    public UnitConfig {
        requireNonNull(partition, "partition");
        requireNonNull(agent, "agent");
    }

    /** {@code file} (null: defaults), not yet validated; unknown keys of either part are errors. */
    public static UnitConfig load(Path file) {
        PartitionServerConfig partition = YamlConfig.loadPart(file, PartitionServerConfig.class,
                PartitionServerConfig::defaults, AGENT_KEY::equals);
        AgentPart agent = YamlConfig.loadPart(file, AgentPart.class, AgentPart::empty, key -> true);
        return new UnitConfig(partition, agent.agent() == null ? UnitAgentConfig.defaults() : agent.agent());
    }

    /** Throws {@link io.shardq.common.config.ConfigException} listing every problem of both parts, unless none. */
    public UnitConfig validate(String source) {
        List<String> problems = new ArrayList<>(partition.problems());
        agent.validate(problems);
        YamlConfig.requireValid(source, problems);
        return this;
    }

    /** The file seen from the agent's side: its section, every other key belongs to the partition server. */
    record AgentPart(UnitAgentConfig agent) {
        static AgentPart empty() {
            return new AgentPart(null);
        }
    }
}
