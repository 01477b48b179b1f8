package io.shardq.partition.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shardq.partition.storage.FenceStore.Lease;
import io.shardq.testing.MutableClock;
import io.shardq.testing.Stages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every driver's {@link FenceStore} must do (DESIGN.md, "Routing and caches" and "Migration"): fences
 * per queue, reads refused only when moved, writes only when active, and a freeze that completes only after
 * every write lease that passed the old fence has closed, or has grown older than the driver's lease
 * timeout. Written once; each driver's test extends it and only supplies the store.
 *
 * <p>"Not complete" is checked by waiting {@link #PENDING_MILLIS}, so drivers that poll for lease counts pass
 * as long as they poll faster than {@link #WAIT_SECONDS}.
 */
public abstract class FenceContract {

    private static final long WAIT_SECONDS = 10;
    private static final long PENDING_MILLIS = 300;
    private static final int WRITERS = 8;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    protected MutableClock clock;
    protected Storage storage;
    private FenceStore fences;

    /** A store reading time from {@code clock}; called once per test. */
    protected abstract Storage createStorage(MutableClock clock);

    /** How old a lease may get before a freeze stops waiting for it; the drivers' default is 10 s. */
    protected Duration leaseTimeout() {
        return Duration.ofSeconds(10);
    }

    @BeforeEach
    void openStorage() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        storage = createStorage(clock);
        fences = storage.fences();
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    @Test
    void aQueueWithoutAFenceIsActive() {
        assertThat(await(fences.get(newQueue()))).isEqualTo(Fence.ACTIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"active", "frozen", "moved; to=p2", "moved; to=partition-b"})
    void setThenGetGivesTheSameFence(String header) {
        QueueRef ref = newQueue();
        Fence fence = Fence.parse(header);
        await(fences.set(ref, fence));
        assertThat(await(fences.get(ref))).isEqualTo(fence);
    }

    @Test
    void theLastSetWins() {
        QueueRef ref = newQueue();
        await(fences.set(ref, Fence.FROZEN));
        await(fences.set(ref, Fence.movedTo("p2")));
        assertThat(await(fences.get(ref))).isEqualTo(Fence.movedTo("p2"));
        await(fences.set(ref, Fence.ACTIVE));
        assertThat(await(fences.get(ref))).isEqualTo(Fence.ACTIVE);
    }

    @Test
    void aFenceBelongsToOneQueueOfOneProject() {
        QueueRef ref = newQueue();
        await(fences.set(ref, Fence.movedTo("p2")));
        assertThat(await(fences.get(QueueRef.of(ref.project() + "x", ref.queue())))).isEqualTo(Fence.ACTIVE);
        assertThat(await(fences.get(QueueRef.of(ref.project(), ref.queue() + "x")))).isEqualTo(Fence.ACTIVE);
        assertThat(await(fences.get(QueueRef.of("", ref.queue())))).isEqualTo(Fence.ACTIVE);
        await(fences.enter(QueueRef.of(ref.project(), ref.queue() + "x"), true)).close();
    }

    @ParameterizedTest
    @CsvSource({
            "active,       false, true",
            "active,       true,  true",
            "frozen,       false, true",
            "frozen,       true,  false",
            "moved; to=p2, false, false",
            "moved; to=p2, true,  false"})
    void enterAdmitsReadsUnlessMovedAndWritesOnlyWhenActive(String header, boolean write, boolean admitted) {
        QueueRef ref = newQueue();
        Fence fence = Fence.parse(header);
        await(fences.set(ref, fence));
        if (admitted) {
            await(fences.enter(ref, write)).close();
        } else {
            assertThatThrownBy(() -> await(fences.enter(ref, write)))
                    .isInstanceOfSatisfying(QueueFencedException.class, e -> assertThat(e.fence()).isEqualTo(fence))
                    .hasMessageContaining(ref.queue());
        }
    }

    @Test
    void aFenceMayBeSetOnAQueueThatDoesNotExist() {
        QueueRef ref = newQueue();
        await(fences.set(ref, Fence.FROZEN));
        assertThat(await(storage.queues().metadata(ref))).isEmpty();
        assertThat(await(fences.get(ref))).isEqualTo(Fence.FROZEN);
    }

    @Test
    void deletingTheQueueKeepsItsFenceButDropRemovesIt() {
        QueueRef ref = newQueue();
        await(storage.queues().create(ref, JsonNodeFactory.instance.objectNode()));
        await(fences.set(ref, Fence.movedTo("p2")));
        await(storage.queues().delete(ref));
        assertThat(await(fences.get(ref))).isEqualTo(Fence.movedTo("p2"));

        await(storage.transfer().drop(ref));
        assertThat(await(fences.get(ref))).isEqualTo(Fence.ACTIVE);
        await(fences.enter(ref, true)).close();
    }

    @Test
    void aFreezeWithNoOpenWriteCompletesAtOnce() {
        QueueRef ref = newQueue();
        await(fences.enter(ref, true)).close();
        Lease read = await(fences.enter(ref, false));
        assertThat(await(fences.set(ref, Fence.FROZEN), 2)).isNull();
        read.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"frozen", "moved; to=p2"})
    void blockingWritesWaitsForAnOpenWriteLease(String header) {
        QueueRef ref = newQueue();
        Lease write = await(fences.enter(ref, true));
        CompletableFuture<Void> freeze = fences.set(ref, Fence.parse(header)).toCompletableFuture();

        assertThat(pending(freeze)).isTrue();
        assertThat(await(fences.get(ref))).isEqualTo(Fence.parse(header));
        assertThatThrownBy(() -> await(fences.enter(ref, true))).isInstanceOf(QueueFencedException.class);

        write.close();
        await(freeze);
    }

    @Test
    void aFreezeWaitsForEveryOpenWriteLease() {
        QueueRef ref = newQueue();
        Lease first = await(fences.enter(ref, true));
        Lease second = await(fences.enter(ref, true));
        CompletableFuture<Void> freeze = fences.set(ref, Fence.FROZEN).toCompletableFuture();

        first.close();
        first.close();
        assertThat(pending(freeze)).isTrue();
        second.close();
        await(freeze);
    }

    @Test
    void aFreezeDoesNotWaitForWritesToOtherQueues() {
        QueueRef ref = newQueue();
        Lease elsewhere = await(fences.enter(QueueRef.of(ref.project(), ref.queue() + "x"), true));
        await(fences.set(ref, Fence.FROZEN), 2);
        elsewhere.close();
    }

    @Test
    void closingALeaseAfterAThawIsHarmless() {
        QueueRef ref = newQueue();
        Lease write = await(fences.enter(ref, true));
        CompletableFuture<Void> freeze = fences.set(ref, Fence.FROZEN).toCompletableFuture();
        assertThat(pending(freeze)).isTrue();
        awaitFence(ref, Fence.FROZEN); // the freeze is set and waits for the lease: only now thaw
        await(fences.set(ref, Fence.ACTIVE), 2);
        Lease later = await(fences.enter(ref, true));

        write.close();
        await(freeze);
        later.close();
        later.close();
        assertThat(await(fences.get(ref))).isEqualTo(Fence.ACTIVE);
        await(fences.set(ref, Fence.FROZEN), 2);
    }

    @Test
    void aLeaseOlderThanTheTimeoutIsNotWaitedFor() {
        QueueRef ref = newQueue();
        Lease stuck = await(fences.enter(ref, true));
        clock.advance(leaseTimeout().plusSeconds(1));

        await(fences.set(ref, Fence.FROZEN), 2);
        stuck.close();
    }

    @Test
    void aWaitingFreezeStopsWaitingOnceTheLeaseOutlivesTheTimeout() {
        QueueRef ref = newQueue();
        Lease stuck = await(fences.enter(ref, true));
        clock.advance(leaseTimeout().dividedBy(2));
        CompletableFuture<Void> freeze = fences.set(ref, Fence.FROZEN).toCompletableFuture();
        assertThat(pending(freeze)).isTrue();

        clock.advance(leaseTimeout());
        await(freeze);
        stuck.close();
    }

    @Test
    void aYoungLeaseIsStillWaitedForWhileAnOldOneIsNot() {
        QueueRef ref = newQueue();
        Lease stuck = await(fences.enter(ref, true));
        clock.advance(leaseTimeout().plusSeconds(1));
        Lease young = await(fences.enter(ref, true));
        CompletableFuture<Void> freeze = fences.set(ref, Fence.FROZEN).toCompletableFuture();

        assertThat(pending(freeze)).isTrue();
        young.close();
        await(freeze);
        stuck.close();
    }

    @Test
    void onceAFreezeCompletesNoWriteThatPassedTheOldFenceIsStillRunning() throws Exception {
        QueueRef ref = newQueue();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger admittedAfterFreeze = new AtomicInteger();
        AtomicBoolean frozen = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            for (int i = 0; i < WRITERS; i++) {
                writers.submit(() -> writeUntilRefused(ref, running, frozen, admittedAfterFreeze));
            }
            Thread.sleep(50);
            await(fences.set(ref, Fence.FROZEN));
            frozen.set(true);
            assertThat(running.get()).isZero();
        } finally {
            writers.shutdown();
            assertThat(writers.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(admittedAfterFreeze.get()).isZero();
    }

    private void writeUntilRefused(QueueRef ref, AtomicInteger running, AtomicBoolean frozen,
                                   AtomicInteger admittedAfterFreeze) {
        while (true) {
            Lease lease;
            try {
                lease = await(fences.enter(ref, true));
            } catch (QueueFencedException refused) {
                return;
            }
            if (frozen.get()) {
                admittedAfterFreeze.incrementAndGet();
            }
            running.incrementAndGet();
            Thread.yield();
            running.decrementAndGet();
            lease.close();
        }
    }

    @Test
    void thawingAdmitsWritesAgain() {
        QueueRef ref = newQueue();
        await(fences.set(ref, Fence.FROZEN));
        await(fences.set(ref, Fence.ACTIVE));
        Lease write = await(fences.enter(ref, true));
        write.close();
        await(storage.messages().post(ref, List.of(NewMessage.of("{}", 60, 0)), "c"));
    }

    // ---------------------------------------------------------------- change journal

    @Test
    void aJournalNeverStartedIsIncompleteAndLeasesDoNotJournal() {
        QueueRef ref = newQueue();
        Lease write = await(fences.enter(ref, true));
        assertThat(write.journaling()).isFalse();
        await(write.record(Touched.of(List.of("m1"))));
        write.close();
        assertThat(await(fences.readJournal(ref))).isEqualTo(Journal.INCOMPLETE);
    }

    @Test
    void aJournalCollectsTheIdsEveryWriteRecords() {
        QueueRef ref = newQueue();
        await(fences.startJournal(ref), 2);
        assertThat(await(fences.readJournal(ref))).isEqualTo(new Journal(true, java.util.Set.of()));

        Lease first = await(fences.enter(ref, true));
        Lease second = await(fences.enter(ref, true));
        assertThat(first.journaling()).isTrue();
        await(first.record(Touched.of(List.of("m1", "m2"))));
        await(second.record(Touched.of(List.of("m2", "m3"))));
        await(second.record(Touched.NONE));
        first.close();
        second.close();

        assertThat(await(fences.readJournal(ref))).isEqualTo(new Journal(true, java.util.Set.of("m1", "m2", "m3")));
        assertThat(await(fences.readJournal(QueueRef.of(ref.project(), ref.queue() + "x")))).isEqualTo(Journal.INCOMPLETE);
    }

    @Test
    void anUnknownChangeMakesTheJournalIncompleteUntilItStartsAgain() {
        QueueRef ref = newQueue();
        await(fences.startJournal(ref), 2);
        Lease write = await(fences.enter(ref, true));
        await(write.record(Touched.of(List.of("m1"))));
        await(write.record(Touched.UNKNOWN));
        await(write.record(Touched.of(List.of("m2"))));
        write.close();
        assertThat(await(fences.readJournal(ref))).isEqualTo(Journal.INCOMPLETE);

        await(fences.startJournal(ref), 2);
        Lease next = await(fences.enter(ref, true));
        await(next.record(Touched.of(List.of("m4"))));
        next.close();
        assertThat(await(fences.readJournal(ref))).isEqualTo(new Journal(true, java.util.Set.of("m4")));
    }

    @Test
    void startingAJournalWaitsForWritesThatPassedBeforeIt() {
        QueueRef ref = newQueue();
        Lease before = await(fences.enter(ref, true));
        CompletableFuture<Void> start = fences.startJournal(ref).toCompletableFuture();
        assertThat(pending(start)).isTrue();
        Lease after = await(fences.enter(ref, true));
        assertThat(after.journaling()).isTrue();
        after.close();
        before.close();
        await(start);
        assertThat(await(fences.readJournal(ref)).complete()).isTrue();
    }

    @Test
    void aStaleWriteLeaseMakesTheJournalIncomplete() {
        QueueRef ref = newQueue();
        await(fences.startJournal(ref), 2);
        Lease stuck = await(fences.enter(ref, true));
        clock.advance(leaseTimeout().plusSeconds(1));

        await(fences.set(ref, Fence.FROZEN), 2);
        assertThat(await(fences.readJournal(ref))).isEqualTo(Journal.INCOMPLETE);
        stuck.close();
    }

    @Test
    void aFreezeKeepsTheJournalAndStoppingOrDroppingForgetsIt() {
        QueueRef ref = newQueue();
        await(storage.queues().create(ref, JsonNodeFactory.instance.objectNode()));
        await(fences.startJournal(ref), 2);
        Lease write = await(fences.enter(ref, true));
        await(write.record(Touched.of(List.of("m1"))));
        write.close();
        await(fences.set(ref, Fence.FROZEN), 2);
        assertThat(await(fences.readJournal(ref))).isEqualTo(new Journal(true, java.util.Set.of("m1")));

        await(fences.stopJournal(ref));
        assertThat(await(fences.readJournal(ref))).isEqualTo(Journal.INCOMPLETE);
        await(fences.set(ref, Fence.ACTIVE));
        Lease later = await(fences.enter(ref, true));
        assertThat(later.journaling()).isFalse();
        later.close();

        await(fences.startJournal(ref), 2);
        await(storage.transfer().drop(ref, true));
        assertThat(await(fences.readJournal(ref))).isEqualTo(Journal.INCOMPLETE);
        Lease afterDrop = await(fences.enter(ref, true));
        assertThat(afterDrop.journaling()).isFalse();
        afterDrop.close();
    }

    @Test
    void aJournalThatOutgrowsItsBoundIsIncomplete() {
        QueueRef ref = newQueue();
        await(fences.startJournal(ref), 2);
        Lease write = await(fences.enter(ref, true));
        List<String> many = java.util.stream.IntStream.range(0, Journal.MAX_IDS / 2 + 1).mapToObj(i -> "m" + i).toList();
        List<String> more = java.util.stream.IntStream.range(0, Journal.MAX_IDS / 2 + 1).mapToObj(i -> "n" + i).toList();
        await(write.record(Touched.of(many)), 30);
        assertThat(await(fences.readJournal(ref), 30).complete()).isTrue();
        await(write.record(Touched.of(more)), 30);
        write.close();
        assertThat(await(fences.readJournal(ref), 30)).isEqualTo(Journal.INCOMPLETE);
    }

    // ---------------------------------------------------------------- helpers

    /** Waits until the stored fence of {@code ref} is {@code expected} (set by a call still in flight). */
    private void awaitFence(QueueRef ref, Fence expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!await(fences.get(ref)).equals(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fence of " + ref + " did not become " + expected);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // each look is a storage round trip
        }
    }

    /** True when {@code stage} is still incomplete after {@link #PENDING_MILLIS}. */
    private static boolean pending(CompletableFuture<?> stage) {
        try {
            stage.get(PENDING_MILLIS, TimeUnit.MILLISECONDS);
            return false;
        } catch (TimeoutException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return await(stage, WAIT_SECONDS);
    }

    /** Waits up to {@code seconds}; a failure is rethrown as its cause. */
    private static <T> T await(CompletionStage<T> stage, long seconds) {
        return Stages.await(stage, seconds);
    }

    private static QueueRef newQueue() {
        return QueueRef.of("fp" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8),
                "q" + SEQUENCE.incrementAndGet());
    }
}
