package io.shardq.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.catalogue.CatalogueSourcePage;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v2/catalogue-source/queues} on the agent: every queue of every project, page by page. */
class AgentQueueListIT {

    @Test
    void pagesThroughEveryQueueOfEveryProjectInOrder() throws Exception {
        List<QueueRef> stored = List.of(QueueRef.of("", "orphan"), QueueRef.of("acme", "a-1"), QueueRef.of("acme", "b-2"),
                QueueRef.of("acme", "c-3"), QueueRef.of("beta/team", "q"), QueueRef.of("zeta", "last"));
        try (AgentFixture agent = new AgentFixture("t0ken")) {
            List<QueueRef> backwards = new ArrayList<>(stored);
            Collections.reverse(backwards);
            for (QueueRef ref : backwards) {
                agent.storage.messages().post(ref, List.of(NewMessage.of("{\"n\":1}", 600, 0)), "client")
                        .toCompletableFuture().join();
            }

            List<QueueRef> listed = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            CatalogueSourcePage page = agent.client.queues(null, 2);
            while (true) {
                listed.addAll(page.queues());
                pageSizes.add(page.queues().size());
                if (page.next() == null) {
                    break;
                }
                page = agent.client.queues(page.next(), 2);
            }

            assertThat(listed).containsExactlyElementsOf(stored);
            assertThat(pageSizes).containsExactly(2, 2, 2, 0);
            assertThat(agent.client.queues(QueueRef.of("acme", "b-2"), 1000).queues())
                    .containsExactly(QueueRef.of("acme", "c-3"), QueueRef.of("beta/team", "q"), QueueRef.of("zeta", "last"));
            assertThat(agent.client.queues(null, 1000).next()).isNull();
        }
    }
}
