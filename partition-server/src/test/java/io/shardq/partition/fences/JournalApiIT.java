package io.shardq.partition.fences;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.testing.PartitionNodesExtension;
import io.shardq.testing.Stages;
import io.shardq.testing.ZaqarHttp;
import io.shardq.testing.ZaqarHttp.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the change journal learns from the queue API (DESIGN.md, migration protocol): while a queue journals,
 * every write through either node of its partition names the messages it changed, so a migration's frozen
 * pass only looks at those; a write that cannot say makes the journal incomplete.
 */
class JournalApiIT {

    @RegisterExtension
    static final PartitionNodesExtension partition = new PartitionNodesExtension(2);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private String project;
    private String path;
    private QueueRef ref;

    @BeforeEach
    void createQueue() {
        project = "journal-" + SEQUENCE.incrementAndGet();
        path = "/v2/queues/orders";
        ref = QueueRef.of(project, "orders");
        assertThat(node(0).put(path, "{}").status()).isEqualTo(201);
    }

    @Test
    void everyMessageWriteThroughEitherNodeIsJournaled() {
        List<String> before = post(node(0), 3);
        Stages.await(partition.storage().fences().startJournal(ref), 5);

        List<String> posted = post(node(1), 4);
        Response claimed = node(0).post(path + "/claims?limit=2", "{\"ttl\":300,\"grace\":60}");
        assertThat(claimed.status()).isEqualTo(201);
        List<String> claimedIds = new ArrayList<>();
        claimed.json().get("messages").forEach(m -> claimedIds.add(m.get("id").asText()));
        String claim = claimed.header("Location").substring(claimed.header("Location").lastIndexOf('/') + 1);
        assertThat(claimedIds).containsExactly(before.get(0), before.get(1));
        assertThat(journal()).isEqualTo(expected(posted, claimedIds));

        assertThat(node(1).patch(path + "/claims/" + claim, "{\"ttl\":600}").status()).isEqualTo(204);
        assertThat(node(0).delete(path + "/messages/" + before.get(0) + "?claim_id=" + claim).status()).isEqualTo(204);
        assertThat(node(1).delete(path + "/claims/" + claim).status()).isEqualTo(204);
        assertThat(node(0).delete(path + "/claims/" + claim).status()).isEqualTo(204);
        Response popped = node(1).delete(path + "/messages?pop=1");
        assertThat(popped.status()).isEqualTo(200);
        String poppedId = popped.json().get("messages").get(0).get("id").asText();
        assertThat(node(0).delete(path + "/messages?ids=" + posted.get(3) + ",not-a-message").status()).isEqualTo(204);
        assertThat(node(0).put(path, "{\"color\":\"red\"}").status()).isEqualTo(204);

        assertThat(journal()).isEqualTo(expected(posted, claimedIds, List.of(poppedId, "not-a-message")));
        assertThat(journal().messageIds()).doesNotContain(before.get(2));
    }

    @Test
    void refusedWritesChangeNothingAndAPurgeChangesAnything() {
        post(node(0), 2);
        Stages.await(partition.storage().fences().startJournal(ref), 5);
        assertThat(node(0).post(path + "/messages", "{\"messages\":[]}").status()).isEqualTo(400);
        assertThat(node(1).delete(path + "/claims/0123456789abcdef01234567").status()).isEqualTo(204);
        assertThat(journal()).isEqualTo(new Journal(true, Set.of()));

        assertThat(node(1).post(path + "/purge", "{\"resource_types\":[\"messages\"]}").status()).isEqualTo(204);
        assertThat(journal()).isEqualTo(Journal.INCOMPLETE);
    }

    private List<String> post(ZaqarHttp client, int count) {
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append("{\"body\":").append(i).append(",\"ttl\":300}");
        }
        Response posted = client.post(path + "/messages", body.append("]}").toString());
        assertThat(posted.status()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        posted.json().get("resources").forEach(r -> ids.add(r.asText().substring(r.asText().lastIndexOf('/') + 1)));
        return ids;
    }

    @SafeVarargs
    private static Journal expected(List<String>... parts) {
        Set<String> all = new HashSet<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return new Journal(true, all);
    }

    private Journal journal() {
        return Stages.await(partition.storage().fences().readJournal(ref), 5);
    }

    private ZaqarHttp node(int index) {
        return partition.client(index, project);
    }
}
