package io.shardq.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.common.json.Json;
import io.shardq.migration.client.CopyStatus;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two agents, each over its own partition storage, copy a 5,000-message queue with live claims from one
 * to the other through {@code POST /v2/copies}: the destination's export must equal the source's.
 */
class AgentCopyIT {

    static final int MESSAGES = 5_000;
    static final QueueRef QUEUE = QueueRef.of("acme", "orders");

    static AgentFixture source;
    static AgentFixture destination;

    @BeforeAll
    static void startAgentsAndFillTheSource() throws Exception {
        source = new AgentFixture(null);
        destination = new AgentFixture(null);
        fill(source.storage, QUEUE);
    }

    @AfterAll
    static void stopAgents() {
        source.close();
        destination.close();
    }

    static void fill(Storage storage, QueueRef ref) {
        var metadata = Json.mapper().createObjectNode().put("_default_message_ttl", 3600).put("note", "caf\u00e9");
        storage.queues().create(ref, metadata).toCompletableFuture().join();
        String[] bodies = {"{\"n\": %d, \"text\": \"\u00fcml\u00e4ut \uD83D\uDE80\"}", "[%d, null, true]", "%d", "null"};
        for (int batch = 0; batch < MESSAGES / 100; batch++) {
            List<NewMessage> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = batch * 100 + i;
                String body = bodies[n % bodies.length].contains("%d") ? bodies[n % bodies.length].formatted(n) : "null";
                messages.add(NewMessage.of(body, 3600 + n % 7, 0));
            }
            storage.messages().post(ref, messages, "client-" + batch % 3).toCompletableFuture().join();
        }
        for (int claim = 0; claim < 3; claim++) {
            Claim taken = storage.claims().create(ref, ClaimSpec.of(300 + claim, 60, 20)).toCompletableFuture().join();
            assertThat(taken.messages()).hasSize(20);
        }
    }

    @Test
    void copyMovesEveryMessageAndClaimExactly() {
        CopyStatus status = copyAndWait(source, destination, QUEUE, -1, 500);

        assertThat(status.state()).isEqualTo("done");
        assertThat(status.copied()).isEqualTo(MESSAGES);
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void copyingAgainIsHarmless() {
        copyAndWait(source, destination, QUEUE, -1, 1_000);
        CopyStatus again = copyAndWait(source, destination, QUEUE, -1, 700);

        assertThat(again.state()).isEqualTo("done");
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void copyResumesFromTheCursorOfAnInterruptedOne() throws Exception {
        QueueRef ref = QueueRef.of("acme", "resumed");
        try (AgentFixture fresh = new AgentFixture(null)) {
            fill(source.storage, ref);
            long cursor = -1;
            for (int page = 0; page < 4; page++) {
                ExportPage exported = source.client.export(ref, cursor, 500);
                fresh.client.importPage(ref, exported);
                cursor = exported.nextCursor();
            }

            CopyStatus resumed = copyAndWait(source, fresh, ref, cursor, 400);

            assertThat(resumed.state()).isEqualTo("done");
            assertThat(resumed.copied()).isEqualTo(MESSAGES - 2_000);
            assertSameQueue(source.storage, fresh.storage, ref);
        }
    }

    @Test
    void cancelStopsACopy() throws Exception {
        try (AgentFixture fresh = new AgentFixture(null)) {
            String id = source.client.startCopy(QUEUE, fresh.uri(), -1, 1);
            source.client.cancelCopy(id);

            CopyStatus status = await(source, id, CopyStatus::finished);

            assertThat(status.state()).isEqualTo("cancelled");
            assertThat(status.copied()).isLessThan(MESSAGES);
            long cursorThen = status.cursor();
            Thread.sleep(200);
            assertThat(source.client.copy(id).cursor()).isEqualTo(cursorThen);
        }
    }

    @Test
    void copyToAnUnreachableAgentFailsWithTheReason() throws Exception {
        AgentFixture gone = new AgentFixture(null);
        gone.close();

        String id = source.client.startCopy(QUEUE, gone.uri(), -1, 100);
        CopyStatus status = await(source, id, CopyStatus::finished);

        assertThat(status.state()).isEqualTo("failed");
        assertThat(status.error()).isNotBlank();
        assertThat(status.copied()).isZero();
    }

    @Test
    void copyOfAMissingQueueFails() {
        String id = source.client.startCopy(QueueRef.of("acme", "missing"), destination.uri(), -1, 100);

        CopyStatus status = await(source, id, CopyStatus::finished);

        assertThat(status.state()).isEqualTo("failed");
        assertThat(status.error()).contains("missing");
    }

    static CopyStatus copyAndWait(AgentFixture from, AgentFixture to, QueueRef ref, long after, int page) {
        String id = from.client.startCopy(ref, to.uri(), after, page);
        return await(from, id, CopyStatus::finished);
    }

    static CopyStatus await(AgentFixture agent, String id, Predicate<CopyStatus> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            CopyStatus status = agent.client.copy(id);
            if (condition.test(status) || Instant.now().isAfter(deadline)) {
                return status;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Both storages export the same metadata, counter, messages (every field) and claims. */
    static void assertSameQueue(Storage expected, Storage actual, QueueRef ref) {
        Export want = exportAll(expected, ref);
        Export got = exportAll(actual, ref);
        assertThat(got.metadata()).isEqualTo(want.metadata());
        assertThat(got.lastPosition()).isEqualTo(want.lastPosition());
        assertThat(got.messages()).hasSize(want.messages().size());
        assertThat(got.messages()).containsExactlyElementsOf(want.messages());
        assertThat(got.claims()).containsExactlyInAnyOrderElementsOf(want.claims());
    }

    record Export(Object metadata, long lastPosition, List<Message> messages, List<Claim> claims) {
    }

    static Export exportAll(Storage storage, QueueRef ref) {
        List<Message> messages = new ArrayList<>();
        long cursor = -1;
        ExportPage page;
        do {
            page = storage.transfer().export(ref, cursor, 1_000).toCompletableFuture().join();
            messages.addAll(page.messages());
            cursor = page.nextCursor();
        } while (!page.done());
        return new Export(page.metadata(), page.lastPosition(), messages, page.claims());
    }
}
