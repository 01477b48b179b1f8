package io.shardq.proxy.admin;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionQueueSource;
import io.shardq.catalogue.QueueKey;
import io.shardq.migration.client.AgentClient;
import io.shardq.partition.catalogue.CatalogueSourcePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.proxy.migration.AgentClients;
import java.util.ArrayList;
import java.util.List;

/**
 * The queues a partition holds, read page by page from its migration agent
 * ({@code GET /v2/catalogue-source/queues}): the agent is the one URL of a partition, besides its public
 * nodes, that the registry records.
 */
final class AgentQueueSource implements PartitionQueueSource {

    private final AgentClients agents;

    AgentQueueSource(AgentClients agents) {
        this.agents = requireNonNull(agents, "agents");
    }

    @Override
    public List<QueueKey> queues(Partition partition) {
        if (partition.agent() == null) {
            throw new IllegalStateException("partition " + partition.name() + " has no agent registered, so its "
                    + "queues cannot be listed: register it with --agent http://HOST:PORT");
        }
        AgentClient agent = agents.at(partition.agent());
        List<QueueKey> queues = new ArrayList<>();
        QueueRef after = null;
        do {
            CatalogueSourcePage page = agent.queues(after, CatalogueSourcePage.MAX_LIMIT);
            page.queues().forEach(ref -> queues.add(QueueKey.of(ref.project(), ref.queue())));
            after = page.next();
        } while (after != null);
        return queues;
    }
}
