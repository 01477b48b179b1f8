package io.shardq.migration;

import static io.shardq.migration.AgentCopyIT.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.migration.client.AgentClientException;
import io.shardq.migration.client.CopyStatus;
import io.shardq.partition.storage.QueueRef;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling answers only once the copies have stopped: the import in flight has been answered, and nothing
 * of that queue is sent afterwards; copies of other queues carry on.
 */
class AgentCancelIT {

    static final QueueRef ORDERS = QueueRef.of("acme", "orders");
    static final QueueRef INVOICES = QueueRef.of("acme", "invoices");

    static AgentFixture source;

    @BeforeAll
    static void startAgent() throws Exception {
        source = new AgentFixture(null);
        fill(source.storage, ORDERS);
        fill(source.storage, INVOICES);
    }

    @AfterAll
    static void stopAgent() {
        source.close();
    }

    @Test
    void cancellingAQueueAnswersAfterThePageInFlightAndSendsNothingMore() throws Exception {
        try (SlowDestination slow = new SlowDestination(Duration.ofMillis(400))) {
            String plain = source.client.startCopy(ORDERS, slow.uri(), -1, 10);
            String reconciling = source.client.startCopy(ORDERS, slow.uri(), -1, 10, true);
            String other = source.client.startCopy(INVOICES, slow.uri(), -1, 10);
            slow.awaitFirstImport();

            source.client.cancelCopies(ORDERS);

            assertThat(slow.answered("orders")).isEqualTo(slow.received("orders")).isPositive();
            for (String id : new String[] {plain, reconciling}) {
                assertThat(source.client.copy(id).state()).isEqualTo("cancelled");
            }
            int sent = slow.received("orders");
            Thread.sleep(1_000);
            assertThat(slow.received("orders")).isEqualTo(sent);
            assertThat(source.client.copy(other).state()).isEqualTo("running");

            source.client.cancelCopy(other);
            CopyStatus stopped = source.client.copy(other);
            assertThat(stopped.state()).isEqualTo("cancelled");
            assertThat(slow.answered("invoices")).isEqualTo(slow.received("invoices"));
        }
    }

    @Test
    void cancellingAQueueWithoutCopiesAnswersAtOnceAndAnUnknownIdIs404() {
        source.client.cancelCopies(QueueRef.of("nobody", "idle"));

        assertThatThrownBy(() -> source.client.cancelCopy("no-such-copy"))
                .isInstanceOfSatisfying(AgentClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void cancellingAFinishedCopyLeavesItsState() throws Exception {
        try (AgentFixture destination = new AgentFixture(null)) {
            CopyStatus done = AgentCopyIT.copyAndWait(source, destination, INVOICES, -1, 1_000);

            source.client.cancelCopies(INVOICES);

            assertThat(source.client.copy(done.id()).state()).isEqualTo("done");
        }
    }
}
