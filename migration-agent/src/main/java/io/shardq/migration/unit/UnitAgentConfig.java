package io.shardq.migration.unit;

import io.shardq.common.config.ListenerConfig;
import io.shardq.migration.config.AgentConfig;
import java.util.List;

/**
 * The {@code agent:} section of a partition unit's file: where the agent listens and its token. Its storage is
 * the partition's ({@code storage:}), so it has none of its own.
 *
 * @param host  address to listen on; default {@value AgentConfig#DEFAULT_HOST}
 * @param port  port, 0 = any free port; default 0
 * @param token bearer token required from clients and sent to destination agents; default none
 */
public record UnitAgentConfig(String host, Integer port, String token) {

    public UnitAgentConfig {
        host = host == null ? AgentConfig.DEFAULT_HOST : host;
        port = port == null ? AgentConfig.DEFAULT_PORT : port;
        token = token == null || token.isEmpty() ? null : token;
    }

    public static UnitAgentConfig defaults() {
        return new UnitAgentConfig(null, null, null);
    }

    void validate(List<String> problems) {
        ListenerConfig.of(host, port).validate("agent", problems);
    }
}
