package io.shardq.partition.storage.redis;

import static io.shardq.partition.storage.redis.RedisScriptsIT.failure;
import static io.shardq.partition.storage.redis.RedisScriptsIT.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore.Lease;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import io.shardq.partition.storage.Touched;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis-specific fence behaviour: keys, two nodes sharing fences, leases and journals, stale lease cleanup. */
class RedisFenceIT {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    private static final String PREFIX = "fence:";

    private final MutableClock clock = MutableClock.startingNow();
    private final QueueRef ref = QueueRef.of("p", "q-" + UUID.randomUUID());
    private final RedisKeys.QueueKeys keys = new RedisKeys(PREFIX).queue(ref);
    private RedisStorage nodeA;
    private RedisStorage nodeB;
    private RedisClient rawClient;
    private StatefulRedisConnection<String, String> rawConnection;
    private RedisCommands<String, String> raw;

    @BeforeEach
    void setUp() {
        nodeA = new RedisStorage(redisServer.uri(), clock, PREFIX);
        nodeB = new RedisStorage(redisServer.uri(), clock, PREFIX);
        rawClient = RedisClient.create(redisServer.uri());
        rawConnection = rawClient.connect();
        raw = rawConnection.sync();
    }

    @AfterEach
    void tearDown() {
        nodeA.close();
        nodeB.close();
        rawConnection.close();
        rawClient.shutdown();
    }

    @Test
    void theFenceIsItsOwnKeyHoldingTheHeaderValueAndActiveIsNoKey() {
        join(nodeA.fences().set(ref, Fence.movedTo("p2")));
        assertThat(raw.get(keys.fence())).isEqualTo("moved; to=p2");

        join(nodeA.fences().set(ref, Fence.ACTIVE));
        assertThat(raw.exists(keys.fence())).isZero();
    }

    @Test
    void aFenceSetOnOneNodeRefusesWritesOnTheOther() {
        join(nodeA.fences().set(ref, Fence.FROZEN));

        assertThat(join(nodeB.fences().get(ref))).isEqualTo(Fence.FROZEN);
        assertThat(failure(nodeB.fences().enter(ref, true))).isInstanceOf(QueueFencedException.class);
        join(nodeB.fences().enter(ref, false)).close();
    }

    @Test
    void aFreezeOnOneNodeWaitsForAWriteLeaseHeldOnTheOther() throws Exception {
        Lease write = join(nodeA.fences().enter(ref, true));
        CompletableFuture<Void> freeze = nodeB.fences().set(ref, Fence.FROZEN).toCompletableFuture();

        Thread.sleep(200);
        assertThat(freeze).isNotDone();
        write.close();
        freeze.get(5, TimeUnit.SECONDS);
        assertThat(raw.zcard(keys.leases())).isZero();
    }

    @Test
    void aWriteLeaseIsAnEntryOfTheLeaseSetScoredByTheClockUntilClosed() throws Exception {
        Lease write = join(nodeA.fences().enter(ref, true));
        assertThat(raw.zrangeWithScores(keys.leases(), 0, -1))
                .singleElement().satisfies(lease -> assertThat((long) lease.getScore()).isEqualTo(clock.millis()));

        write.close();
        write.close();
        waitUntilNoLeases();
    }

    @Test
    void readsTakeNoLease() {
        join(nodeA.fences().enter(ref, false)).close();
        assertThat(raw.exists(keys.leases())).isZero();
    }

    @Test
    void staleLeasesOfCrashedNodesAreDroppedByTheNextWrite() throws Exception {
        join(nodeA.fences().enter(ref, true));
        clock.advance(RedisStorage.DEFAULT_LEASE_TIMEOUT.plusSeconds(1));

        join(nodeB.fences().enter(ref, true)).close();
        waitUntilNoLeases();
    }

    @Test
    void deletingTheQueueKeepsFenceAndLeasesButDropRemovesBoth() {
        join(nodeA.queues().create(ref, JsonNodeFactory.instance.objectNode()));
        Lease write = join(nodeA.fences().enter(ref, true));
        CompletableFuture<Void> moving = nodeA.fences().set(ref, Fence.movedTo("p2")).toCompletableFuture();
        assertThat(join(nodeA.fences().get(ref))).isEqualTo(Fence.movedTo("p2"));
        join(nodeA.queues().delete(ref));
        assertThat(raw.exists(keys.fence(), keys.leases())).isEqualTo(2);

        join(nodeA.transfer().drop(ref));
        assertThat(raw.exists(keys.fence(), keys.leases())).isZero();
        join(moving);
        write.close();
    }

    @Test
    void aCustomLeaseTimeoutIsHonoured() {
        try (RedisStorage shortLeases = new RedisStorage(redisServer.uri(), clock, PREFIX, Duration.ofSeconds(1))) {
            join(shortLeases.fences().enter(ref, true));
            clock.advanceSeconds(2);
            join(shortLeases.fences().set(ref, Fence.FROZEN).toCompletableFuture().orTimeout(2, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFreezeFailsInsteadOfHangingWhenTheStorageCloses() throws Exception {
        RedisStorage closing = new RedisStorage(redisServer.uri(), clock, PREFIX);
        join(nodeA.fences().enter(ref, true));
        CompletableFuture<Void> freeze = closing.fences().set(ref, Fence.FROZEN).toCompletableFuture();
        Thread.sleep(50);
        closing.close();

        assertThatThrownBy(() -> freeze.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void aJournalStartedOnOneNodeIsKeptByWritesOnTheOther() {
        join(nodeA.fences().startJournal(ref));
        Lease write = join(nodeB.fences().enter(ref, true));
        assertThat(write.journaling()).isTrue();
        join(write.record(Touched.of(List.of("m1", "m2"))));
        write.close();

        assertThat(raw.get(keys.journal())).isEqualTo("complete");
        assertThat(raw.smembers(keys.touched())).containsExactlyInAnyOrder("m1", "m2");
        assertThat(join(nodeA.fences().readJournal(ref))).isEqualTo(new Journal(true, Set.of("m1", "m2")));
    }

    @Test
    void startingAJournalOnOneNodeWaitsForAWriteLeaseHeldOnTheOther() throws Exception {
        Lease before = join(nodeB.fences().enter(ref, true));
        CompletableFuture<Void> start = nodeA.fences().startJournal(ref).toCompletableFuture();

        Thread.sleep(200);
        assertThat(start).isNotDone();
        assertThat(before.journaling()).isFalse();
        before.close();
        start.get(5, TimeUnit.SECONDS);
        assertThat(join(nodeB.fences().readJournal(ref)).complete()).isTrue();
    }

    @Test
    void aWriteThatPrunesAStaleLeaseMakesTheJournalIncomplete() {
        join(nodeA.fences().startJournal(ref));
        Lease stuck = join(nodeA.fences().enter(ref, true));
        join(stuck.record(Touched.of(List.of("m1"))));
        clock.advance(RedisStorage.DEFAULT_LEASE_TIMEOUT.plusSeconds(1));

        join(nodeB.fences().enter(ref, true)).close();

        assertThat(join(nodeA.fences().readJournal(ref))).isEqualTo(Journal.INCOMPLETE);
        assertThat(raw.get(keys.journal())).isEqualTo("incomplete");
        assertThat(raw.exists(keys.touched())).isZero();
        stuck.close();
    }

    @Test
    void droppingKeepingTheFenceRemovesTheJournalKeysOnly() {
        join(nodeA.fences().startJournal(ref));
        Lease write = join(nodeA.fences().enter(ref, true));
        join(write.record(Touched.of(List.of("m1"))));
        write.close();
        join(nodeA.fences().set(ref, Fence.FROZEN));

        join(nodeB.transfer().drop(ref, true));

        assertThat(raw.exists(keys.journal(), keys.touched())).isZero();
        assertThat(raw.get(keys.fence())).isEqualTo("frozen");
    }

    private void waitUntilNoLeases() throws InterruptedException {
        for (int i = 0; i < 200 && raw.zcard(keys.leases()) > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(raw.zcard(keys.leases())).isZero();
    }
}
