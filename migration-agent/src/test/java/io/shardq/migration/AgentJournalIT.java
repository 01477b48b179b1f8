package io.shardq.migration;

import static io.shardq.migration.AgentCopyIT.assertSameQueue;
import static io.shardq.migration.AgentCopyIT.await;
import static io.shardq.migration.AgentCopyIT.copyAndWait;
import static io.shardq.migration.AgentCopyIT.exportAll;
import static io.shardq.migration.AgentCopyIT.fill;
import static io.shardq.migration.AgentReconcileIT.QUEUE;
import static io.shardq.migration.AgentReconcileIT.ids;
import static io.shardq.migration.AgentReconcileIT.join;
import static io.shardq.migration.AgentReconcileIT.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.migration.client.CopyStatus;
import io.shardq.migration.client.JournalUse;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.Touched;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journaled frozen pass between two agents over real sockets, memory driver: the last live pass starts
 * the source's change journal; writes then record what they changed (as the partition server's fence guard
 * does); the frozen pass applies only those changes and the destination ends identical. When the journal
 * cannot stand in (incomplete, or the destination does not end up holding what it names) the copy compares
 * the whole queue instead.
 */
class AgentJournalIT {

    AgentFixture source;
    AgentFixture destination;
    long cursor;

    @BeforeEach
    void copyThenStartTheJournal() throws Exception {
        source = new AgentFixture(null);
        destination = new AgentFixture(null);
        fill(source.storage, QUEUE);
        CopyStatus full = copyAndWait(source, destination, QUEUE, -1, 1_000);
        CopyStatus live = copy(full.cursor(), JournalUse.START);
        assertThat(live.verified()).isTrue();
        assertThat(live.journaled()).isFalse();
        cursor = live.cursor();
        assertThat(join(source.storage.fences().readJournal(QUEUE)).complete()).isTrue();
    }

    @AfterEach
    void stopAgents() {
        source.close();
        destination.close();
    }

    @Test
    void theFrozenPassAppliesOnlyTheJournaledChanges() {
        List<Message> copied = exportAll(source.storage, QUEUE).messages();
        List<String> deleted = ids(copied.subList(100, 110));
        journaled(() -> {
            join(source.storage.messages().delete(QUEUE, deleted));
            return deleted;
        });
        Claim claim = journaled(() -> join(source.storage.claims().create(QUEUE, ClaimSpec.of(300, 60, 7))),
                taken -> ids(taken.messages()));
        journaled(() -> post(source.storage, 40));
        List<String> renewed = ids(claim.messages());
        journaled(() -> {
            join(source.storage.claims().update(QUEUE, claim.id(), 900, 60));
            return renewed;
        });
        join(source.storage.fences().set(QUEUE, Fence.FROZEN));

        CopyStatus delta = copy(cursor, JournalUse.READ);

        assertThat(delta.state()).isEqualTo("done");
        assertThat(delta.journaled()).isTrue();
        assertThat(delta.verified()).isTrue();
        assertThat(delta.rangesReplaced()).isZero();
        assertThat(delta.deleted()).isEqualTo(10);
        assertThat(delta.sourceCount()).as("journaled messages the source holds").isEqualTo(7 + 40)
                .isEqualTo(delta.destinationCount());
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void anIncompleteJournalFallsBackToComparingTheWholeQueue() {
        List<Message> copied = exportAll(source.storage, QUEUE).messages();
        List<String> deleted = ids(copied.subList(2_000, 2_003));
        FenceStore.Lease purge = join(source.storage.fences().enter(QUEUE, true));
        join(source.storage.messages().delete(QUEUE, deleted));
        join(purge.record(Touched.UNKNOWN));
        purge.close();
        join(source.storage.fences().set(QUEUE, Fence.FROZEN));

        CopyStatus delta = copy(cursor, JournalUse.READ);

        assertThat(delta.state()).isEqualTo("done");
        assertThat(delta.journaled()).isFalse();
        assertThat(delta.verified()).isTrue();
        assertThat(delta.deleted()).isEqualTo(3);
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void aJournaledMessageTheDestinationDoesNotMatchSendsTheCopyToTheWholeComparison() {
        List<Message> copied = exportAll(source.storage, QUEUE).messages();
        String tampered = copied.get(4_000).id();
        journaled(() -> post(source.storage, 5));
        journaled(() -> List.of(tampered));
        join(destination.storage.transfer().applyStates(QUEUE, List.of(new io.shardq.partition.storage.MessageState(
                tampered, copied.get(4_000).position(), 7, copied.get(4_000).expiresMillis() + 60_000, null, 0, 0))));
        join(source.storage.fences().set(QUEUE, Fence.FROZEN));

        CopyStatus delta = copy(cursor, JournalUse.READ);

        assertThat(delta.state()).isEqualTo("done");
        assertThat(delta.verified()).isTrue();
        assertSameQueue(source.storage, destination.storage, QUEUE);
    }

    @Test
    void aDestinationThatDoesNotTakeTheChangesSendsTheCopyToTheWholeComparison() throws Exception {
        InMemoryStorage kept = new InMemoryStorage(Clock.systemUTC());
        AgentCopyIT.Export everything = exportAll(source.storage, QUEUE);
        ExportPage head = join(source.storage.transfer().export(QUEUE, -1, 1));
        join(kept.transfer().importPage(QUEUE, new ExportPage(head.metadata(), everything.lastPosition(),
                everything.messages(), everything.claims(), everything.lastPosition(), true)));
        try (AgentFixture deaf = new AgentFixture(new IgnoringImports(kept), null)) {
            journaled(() -> post(source.storage, 3));
            join(source.storage.fences().set(QUEUE, Fence.FROZEN));

            String id = source.client.startCopy(QUEUE, deaf.uri(), cursor, 1_000, true, JournalUse.READ);
            CopyStatus delta = await(source, id, CopyStatus::finished);

            assertThat(delta.journaled()).isFalse();
            assertThat(delta.state()).isEqualTo("failed");
            assertThat(delta.error()).contains("verification failed", "source 5003 messages", "destination 5000");
        }
    }

    @Test
    void stoppingTheJournalOverTheAgentApiLeavesItIncomplete() {
        source.client.stopJournal(QUEUE);
        assertThat(join(source.storage.fences().readJournal(QUEUE)).complete()).isFalse();
    }

    /** Runs a write under a write lease that records the ids it returns, as the partition's fence guard does. */
    private List<String> journaled(Supplier<List<String>> write) {
        return journaled(write, ids -> ids);
    }

    private <T> T journaled(Supplier<T> write, java.util.function.Function<T, List<String>> touched) {
        FenceStore.Lease lease = join(source.storage.fences().enter(QUEUE, true));
        assertThat(lease.journaling()).isTrue();
        T result = write.get();
        join(lease.record(Touched.of(new ArrayList<>(touched.apply(result)))));
        lease.close();
        return result;
    }

    private CopyStatus copy(long after, JournalUse journal) {
        String id = source.client.startCopy(QUEUE, destination.uri(), after, 1_000, true, journal);
        return await(source, id, CopyStatus::finished);
    }
}
