package io.shardq.migration;

import static io.shardq.migration.AgentCopyIT.assertSameQueue;
import static io.shardq.migration.AgentCopyIT.await;
import static io.shardq.migration.AgentCopyIT.copyAndWait;
import static io.shardq.migration.AgentCopyIT.exportAll;
import static io.shardq.migration.AgentCopyIT.fill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.migration.client.CopyStatus;
import io.shardq.migration.reconcile.Reconciler;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reconciling copies between two agents over real sockets, memory driver: after live changes at the source the
 * destination ends identical, nothing changed replaces nothing, what only the destination has goes, and a
 * destination that does not take repairs fails the verification with both counts.
 */
class AgentReconcileIT {

    static final QueueRef QUEUE = QueueRef.of("acme", "orders");

    AgentFixture source;
    AgentFixture destination;

    @BeforeEach
    void startAgents() throws Exception {
        source = new AgentFixture(null);
        destination = new AgentFixture(null);
        fill(source.storage, QUEUE);
    }

    @AfterEach
    void stopAgents() {
        source.close();
        destination.close();
    }

    @Test
    void afterLiveChangesTheDestinationEndsIdentical() {
        Claim orphan = join(source.storage.claims().create(QUEUE, ClaimSpec.of(600, 60, 5)));
        copyAndWait(source, destination, QUEUE, -1, 500);
        List<Message> copied = exportAll(source.storage, QUEUE).messages();
        long middle = copied.get(2_500).position();
        List<String> claims = exportAll(source.storage, QUEUE).claims().stream().map(Claim::id)
                .filter(id -> !id.equals(orphan.id())).toList();

        join(source.storage.transfer().deleteMessages(QUEUE, orphan.messages().stream().map(Message::id).toList()));
        join(source.storage.claims().release(QUEUE, orphan.id()));
        join(source.storage.claims().update(QUEUE, claims.get(0), 900, 120));
        join(source.storage.claims().release(QUEUE, claims.get(1)));
        Claim taken = join(source.storage.claims().create(QUEUE, ClaimSpec.of(300, 60, 15)));
        join(source.storage.messages().delete(QUEUE, ids(copied.subList(100, 110))));
        join(source.storage.messages().delete(QUEUE, ids(copied.subList(3_000, 3_010))));
        List<String> posted = post(source.storage, 300);
        join(source.storage.messages().delete(QUEUE, posted.subList(0, 5)));

        CopyStatus status = reconcile(middle, 400);

        assertThat(status.state()).isEqualTo("done");
        assertThat(status.verified()).isTrue();
        assertThat(status.copied()).isEqualTo(2_499 - 10 + 295);
        assertThat(status.deleted()).isEqualTo(25);
        assertThat(status.rangesReplaced()).isPositive();
        assertThat(status.sourceCount()).isEqualTo(5_000 - 25 + 300 - 5).isEqualTo(status.destinationCount());
        assertSameQueue(source.storage, destination.storage, QUEUE);
        for (String id : List.of(claims.get(0), claims.get(2), taken.id())) {
            assertThat(join(destination.storage.claims().get(QUEUE, id))).isEqualTo(join(source.storage.claims().get(QUEUE, id)));
        }
        for (String id : List.of(orphan.id(), claims.get(1))) {
            assertThatThrownBy(() -> join(destination.storage.claims().get(QUEUE, id)))
                    .hasCauseInstanceOf(ClaimNotFoundException.class);
        }
    }

    @Test
    void nothingChangedReplacesNoRange() {
        CopyStatus first = copyAndWait(source, destination, QUEUE, -1, 1_000);

        CopyStatus status = reconcile(first.cursor(), 1_000);

        assertThat(status.state()).isEqualTo("done");
        assertThat(status.verified()).isTrue();
        assertThat(status.copied()).isZero();
        assertThat(status.rangesReplaced()).isZero();
        assertThat(status.deleted()).isZero();
        assertThat(status.sourceCount()).isEqualTo(5_000).isEqualTo(status.destinationCount());
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void aReconcilingCopyFromScratchCopiesThenFindsNothingToRepair() {
        CopyStatus status = reconcile(-1, 700);

        assertThat(status.state()).isEqualTo("done");
        assertThat(status.verified()).isTrue();
        assertThat(status.copied()).isEqualTo(5_000);
        assertThat(status.rangesReplaced()).isZero();
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void messagesAboutToExpireAreLeftOutOfTheComparison() {
        List<String> fleeting = join(source.storage.messages().post(QUEUE,
                List.of(NewMessage.of("1", 5, 0), NewMessage.of("2", 5, 0)), "fleeting"));
        CopyStatus first = copyAndWait(source, destination, QUEUE, -1, 1_000);
        join(destination.storage.transfer().deleteMessages(QUEUE, fleeting));

        CopyStatus status = reconcile(first.cursor(), 1_000);

        assertThat(status.state()).isEqualTo("done");
        assertThat(status.verified()).isTrue();
        assertThat(status.rangesReplaced()).isZero();
        assertThat(status.sourceCount()).isEqualTo(5_000).isEqualTo(status.destinationCount());
    }

    @Test
    void whatOnlyTheDestinationHasIsDeleted() {
        CopyStatus first = copyAndWait(source, destination, QUEUE, -1, 1_000);
        post(destination.storage, 3);
        Message displaced = exportAll(destination.storage, QUEUE).messages().get(2_000);
        Message impostor = new Message("impostor", displaced.position(), "{\"fake\":true}", 3600,
                displaced.createdMillis(), displaced.expiresMillis(), 0, "x", null, 0, 0);
        ExportPage current = join(destination.storage.transfer().export(QUEUE, -1, 1));
        join(destination.storage.transfer().importPage(QUEUE, new ExportPage(current.metadata(),
                current.lastPosition(), List.of(impostor), List.of(), impostor.position(), false)));
        Claim extra = join(destination.storage.claims().create(QUEUE, ClaimSpec.of(300, 60, 5)));
        assertThat(extra.messages()).hasSize(5);

        CopyStatus status = reconcile(first.cursor(), 1_000);

        assertThat(status.state()).isEqualTo("done");
        assertThat(status.verified()).isTrue();
        assertThat(status.deleted()).isEqualTo(4);
        AgentCopyIT.Export want = exportAll(source.storage, QUEUE);
        AgentCopyIT.Export got = exportAll(destination.storage, QUEUE);
        assertThat(got.messages()).containsExactlyElementsOf(want.messages());
        assertThat(got.claims()).containsExactlyElementsOf(want.claims());
        assertThat(got.lastPosition()).as("a position counter is never lowered").isEqualTo(want.lastPosition() + 3);
        assertThatThrownBy(() -> join(destination.storage.claims().get(QUEUE, extra.id())))
                .hasCauseInstanceOf(ClaimNotFoundException.class);
    }

    @Test
    void aDestinationThatDropsRepairsFailsTheVerificationNamingBothCounts() throws Exception {
        try (AgentFixture deaf = new AgentFixture(new IgnoringImports(new InMemoryStorage(Clock.systemUTC())), null)) {
            String id = source.client.startCopy(QUEUE, deaf.uri(), -1, 1_000, true);

            CopyStatus status = await(source, id, CopyStatus::finished);

            assertThat(status.state()).isEqualTo("failed");
            assertThat(status.verified()).isFalse();
            assertThat(status.sourceCount()).isEqualTo(5_000);
            assertThat(status.destinationCount()).isZero();
            assertThat(status.rangesReplaced()).isEqualTo(Reconciler.ROUNDS * 5_000L / Reconciler.RANGE);
            assertThat(status.error()).contains("verification failed", "source 5000 messages", "destination 0");
        }
    }

    private CopyStatus reconcile(long after, int page) {
        String id = source.client.startCopy(QUEUE, destination.uri(), after, page, true);
        return await(source, id, CopyStatus::finished);
    }

    static List<String> post(Storage storage, int count) {
        List<NewMessage> messages = IntStream.range(0, count)
                .mapToObj(i -> NewMessage.of("{\"late\": " + i + "}", 3600, 0)).toList();
        return join(storage.messages().post(QUEUE, messages, "late-client"));
    }

    static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
