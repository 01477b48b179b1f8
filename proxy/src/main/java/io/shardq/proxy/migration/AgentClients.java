package io.shardq.proxy.migration;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.Partition;
import io.shardq.common.zaqar.HttpError;
import io.shardq.migration.client.AgentClient;
import io.shardq.proxy.routing.PartitionDirectory;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The migration agent of each partition, one client per agent URI, from the partition registry: shared by
 * the migration coordinator and the admin API's catalogue regeneration.
 */
public final class AgentClients {

    private final PartitionDirectory directory;
    private final String token;
    private final Map<URI, AgentClient> clients = new ConcurrentHashMap<>();

    /** @param token bearer token the agents expect, or {@code null} */
    public AgentClients(PartitionDirectory directory, String token) {
        this.directory = requireNonNull(directory, "directory");
        this.token = token;
    }

    /**
     * The agent of a partition.
     *
     * @throws HttpError 404 when the partition is unknown, 409 when it has no agent
     */
    AgentClient of(String partitionName) {
        Partition partition = directory.get(partitionName).orElseThrow(() -> HttpError.notFound(
                "Partition " + partitionName + " is not registered."));
        if (partition.agent() == null) {
            throw HttpError.conflict("Partition " + partitionName + " has no migration agent: register it with its "
                    + "agent URL (qctl partitions add " + partitionName + " --agent http://HOST:PORT …).");
        }
        return at(partition.agent());
    }

    /** The client of the agent at {@code agent}. */
    public AgentClient at(URI agent) {
        return clients.computeIfAbsent(agent, uri -> new AgentClient(uri, token));
    }
}
