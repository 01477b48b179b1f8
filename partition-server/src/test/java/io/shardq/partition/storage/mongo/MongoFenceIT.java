package io.shardq.partition.storage.mongo;

import static io.shardq.partition.storage.mongo.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore.Lease;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Touched;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MongoDB fences across nodes: two {@link MongoStorage}s on one database (two partition-server nodes) share
 * fences, write leases and change journals, and the documents keep the layout docs/STORAGE.md describes.
 */
class MongoFenceIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private final MutableClock clock = MutableClock.startingNow();
    private MongoStorage first;
    private MongoStorage second;
    private MongoClient client;
    private QueueRef ref;

    @BeforeEach
    void open() {
        first = new MongoStorage(mongo.uri(), mongo.database(), clock);
        second = new MongoStorage(mongo.uri(), mongo.database(), clock);
        client = MongoClients.create(mongo.uri());
        ref = QueueRef.of("p-" + UUID.randomUUID(), "q");
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
        client.close();
    }

    @Test
    void aFreezeOnOneNodeWaitsForAWriteOnTheOtherAndThenRefusesItsWrites() throws Exception {
        Lease write = await(first.fences().enter(ref, true));
        CompletableFuture<Void> freeze = second.fences().set(ref, Fence.FROZEN).toCompletableFuture();
        assertThatThrownBy(() -> freeze.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(await(first.fences().get(ref))).isEqualTo(Fence.FROZEN);
        assertThatThrownBy(() -> await(first.fences().enter(ref, true))).isInstanceOf(QueueFencedException.class);

        write.close();
        freeze.get(10, TimeUnit.SECONDS);
        await(first.fences().enter(ref, false)).close();
    }

    @Test
    void aWriteRefusedByAFenceSetElsewhereOnAQueueWithoutAFenceDocument() {
        await(second.fences().set(ref, Fence.movedTo("p2")));
        assertThatThrownBy(() -> await(first.fences().enter(ref, true)))
                .isInstanceOfSatisfying(QueueFencedException.class,
                        e -> assertThat(e.fence()).isEqualTo(Fence.movedTo("p2")));
        assertThatThrownBy(() -> await(first.fences().enter(ref, false))).isInstanceOf(QueueFencedException.class);
    }

    @Test
    void theFenceDocumentHoldsTheFenceAndTheOpenLeases() {
        Lease open = await(first.fences().enter(ref, true));
        Lease closed = await(second.fences().enter(ref, true));
        closed.close();
        Document fence = awaitLeases(1);
        assertThat(fence.getString("f")).isEqualTo("active");
        assertThat(fence.get("l", Document.class).keySet()).hasSize(1);

        await(second.queues().delete(ref));
        CompletableFuture<Void> freeze = first.fences().set(ref, Fence.FROZEN).toCompletableFuture();
        assertThat(awaitFence("frozen").getString("f")).isEqualTo("frozen");
        assertThat(freeze).isNotDone();
        open.close();
        await(freeze);
        await(first.transfer().drop(ref));
        assertThat(read()).isNull();
    }

    @Test
    void aStaleLeaseLeftByACrashedNodeIsPrunedByTheNextWrite() {
        await(first.fences().enter(ref, true));
        clock.advance(MongoStorage.DEFAULT_LEASE_TIMEOUT.plus(Duration.ofSeconds(1)));
        await(second.fences().enter(ref, true)).close();
        awaitLeases(0);
        await(second.fences().set(ref, Fence.FROZEN));
    }

    @Test
    void aJournalStartedOnOneNodeIsKeptByWritesOnTheOther() {
        await(first.fences().startJournal(ref));
        Lease write = await(second.fences().enter(ref, true));
        assertThat(write.journaling()).isTrue();
        await(write.record(Touched.of(List.of("m1", "m2"))));
        await(write.record(Touched.of(List.of("m2"))));
        write.close();

        Document fence = read();
        String generation = fence.getString("j");
        assertThat(fence.getBoolean("jc")).isTrue();
        assertThat(fence.get("jn", Number.class).longValue()).isEqualTo(2);
        assertThat(journalIds()).containsExactlyInAnyOrder(generation + "/m1", generation + "/m2");
        assertThat(await(first.fences().readJournal(ref))).isEqualTo(new Journal(true, Set.of("m1", "m2")));
    }

    @Test
    void startingAgainFreesTheIdsOfTheEarlierJournal() {
        await(first.fences().startJournal(ref));
        Lease write = await(first.fences().enter(ref, true));
        await(write.record(Touched.of(List.of("m1"))));
        write.close();

        await(second.fences().startJournal(ref));
        assertThat(journalIds()).isEmpty();
        assertThat(await(first.fences().readJournal(ref))).isEqualTo(new Journal(true, Set.of()));
    }

    @Test
    void aWriteThatPrunesAStaleLeaseMakesTheJournalIncomplete() {
        await(first.fences().startJournal(ref));
        Lease stuck = await(first.fences().enter(ref, true));
        await(stuck.record(Touched.of(List.of("m1"))));
        clock.advance(MongoStorage.DEFAULT_LEASE_TIMEOUT.plus(Duration.ofSeconds(1)));

        await(second.fences().enter(ref, true)).close();

        assertThat(await(second.fences().readJournal(ref))).isEqualTo(Journal.INCOMPLETE);
        assertThat(read().getBoolean("jc")).isFalse();
        assertThat(journalIds()).isEmpty();
        stuck.close();
    }

    @Test
    void droppingKeepingTheFenceRemovesTheJournalOnly() {
        await(first.fences().startJournal(ref));
        Lease write = await(first.fences().enter(ref, true));
        await(write.record(Touched.of(List.of("m1"))));
        write.close();
        await(first.fences().set(ref, Fence.FROZEN));

        await(second.transfer().drop(ref, true));

        assertThat(read().getString("f")).isEqualTo("frozen");
        assertThat(read().keySet()).doesNotContain("j", "jc", "jn");
        assertThat(journalIds()).isEmpty();
    }

    /** The {@code _id}s of the queue's documents in {@code journals}. */
    private List<String> journalIds() {
        return client.getDatabase(mongo.database()).getCollection("journals")
                .find(new Document("p", ref.project()).append("q", ref.queue()))
                .map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    /** Waits until the fence document says {@code fence}. */
    private Document awaitFence(String fence) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Document document = read();
            if (document != null && fence.equals(document.getString("f")) || System.nanoTime() > deadline) {
                return document;
            }
            sleep();
        }
    }

    /** Waits until the fence document lists {@code count} leases (closing is fire-and-forget). */
    private Document awaitLeases(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Document fence = read();
            Document leases = fence == null ? null : fence.get("l", Document.class);
            if ((leases == null ? 0 : leases.size()) == count || System.nanoTime() > deadline) {
                return fence;
            }
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Document read() {
        return client.getDatabase(mongo.database()).getCollection("fences").find(new Document("_id", ref.key())).first();
    }
}
