package io.shardq.partition.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.testing.PartitionNodesExtension;
import io.shardq.testing.Stages;
import io.shardq.testing.ZaqarHttp;
import io.shardq.testing.ZaqarHttp.Response;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A claim that dead-letters writes to the dead-letter queue, so it passes that queue's fence: while the
 * dead-letter queue is frozen or moved (a migration), nothing is dead-lettered and no message goes where it
 * would be lost; once it is active again the next claim dead-letters, and a journaling dead-letter queue
 * learns that it changed.
 */
class DeadLetterFenceIT {

    @RegisterExtension
    static final PartitionNodesExtension partition = new PartitionNodesExtension(1);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String project;
    private ZaqarHttp client;
    private QueueRef dead;

    @BeforeEach
    void queueWithADeadLetterQueue() {
        project = "dlq-" + SEQUENCE.incrementAndGet();
        client = partition.client(0, project);
        dead = QueueRef.of(project, "dead");
        assertThat(client.put("/v2/queues/work", "{\"_dead_letter_queue\":\"dead\",\"_max_claim_count\":1}").status())
                .isEqualTo(201);
        assertThat(client.post("/v2/queues/work/messages", "{\"messages\":[{\"body\":1,\"ttl\":3600}]}").status())
                .isEqualTo(201);
        releaseAClaim();
    }

    @Test
    void whileTheDeadLetterQueueIsFencedNothingIsDeadLettered() {
        for (Fence fence : new Fence[] {Fence.FROZEN, Fence.movedTo("p2")}) {
            Stages.await(partition.storage().fences().set(dead, fence), 5);

            releaseAClaim();

            assertThat(total("work")).isEqualTo(1);
            Stages.await(partition.storage().fences().set(dead, Fence.ACTIVE), 5);
            assertThat(total("dead")).isZero();
        }
    }

    @Test
    void onceActiveTheNextClaimDeadLettersAndAJournalingDeadLetterQueueBecomesIncomplete() {
        Stages.await(partition.storage().fences().startJournal(dead), 5);

        assertThat(client.post("/v2/queues/work/claims", "{\"ttl\":60,\"grace\":60}").status()).isEqualTo(204);

        assertThat(total("work")).isZero();
        assertThat(total("dead")).isEqualTo(1);
        assertThat(Stages.await(partition.storage().fences().readJournal(dead), 5)).isEqualTo(Journal.INCOMPLETE);
        Stages.await(partition.storage().fences().set(dead, Fence.FROZEN), 5);
    }

    private void releaseAClaim() {
        Response claimed = client.post("/v2/queues/work/claims", "{\"ttl\":60,\"grace\":60}");
        assertThat(claimed.status()).isEqualTo(201);
        String location = claimed.header("Location");
        assertThat(client.delete("/v2/queues/work/claims/" + location.substring(location.lastIndexOf('/') + 1))
                .status()).isEqualTo(204);
    }

    private int total(String queue) {
        return client.get("/v2/queues/" + queue + "/stats").json().at("/messages/total").asInt();
    }
}
