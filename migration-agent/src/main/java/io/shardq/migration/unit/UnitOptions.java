package io.shardq.migration.unit;

import io.shardq.partition.ServerOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The command-line settings of {@code partition-unit} and its {@code check} subcommand: the partition server's
 * flags, plus the agent's listener and token. Flags win over the file.
 */
final class UnitOptions {

    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(names = "--agent-host", description = "Address the agent listens on (default 127.0.0.1).")
    String agentHost;

    @Option(names = "--agent-port", description = "Agent port (0 = any free port, the default).")
    Integer agentPort;

    @Option(names = "--agent-token", defaultValue = "${env:AGENT_TOKEN}",
            description = "Bearer token the agent requires and sends to destination agents "
                    + "(default: environment AGENT_TOKEN; none = no authentication).")
    String agentToken;

    /** The file's settings overridden by the flags, validated; throws ConfigException listing every problem. */
    UnitConfig resolve() {
        UnitConfig file = UnitConfig.load(server.configFile());
        UnitAgentConfig agent = file.agent();
        UnitAgentConfig resolved = new UnitAgentConfig(agentHost == null ? agent.host() : agentHost,
                agentPort == null ? agent.port() : agentPort,
                agentToken == null || agentToken.isEmpty() ? agent.token() : agentToken);
        return new UnitConfig(server.apply(file.partition()), resolved).validate(server.source());
    }
}
