package io.shardq.partition.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only the in-memory driver promises: expired messages do not stay on the heap. */
class InMemoryStorageTest {

    private static final QueueRef QUEUE = QueueRef.of("p", "q");

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void readsDropTheExpiredMessagesTheyPass() {
        try (InMemoryStorage storage = new InMemoryStorage(clock, Duration.ZERO)) {
            post(storage, 60, 60, 3600);
            clock.advanceSeconds(60);

            storage.messages().list(QUEUE, new MessageQuery(MessageQuery.FROM_HEAD, 10, "c", true, true, true));

            assertThat(storage.heldMessages()).isEqualTo(1);
        }
    }

    @Test
    void sweepDropsExpiredMessagesNobodyReads() {
        try (InMemoryStorage storage = new InMemoryStorage(clock, Duration.ZERO)) {
            post(storage, 60, 120, 60, 3600);
            clock.advanceSeconds(60);

            assertThat(storage.sweepExpired()).isEqualTo(2);
            assertThat(storage.sweepExpired()).isZero();
            assertThat(storage.heldMessages()).isEqualTo(2);
        }
    }

    @Test
    void backgroundSweepRunsOnItsOwn() throws InterruptedException {
        try (InMemoryStorage storage = new InMemoryStorage(clock, Duration.ofMillis(5))) {
            post(storage, 60, 60);
            clock.advanceSeconds(60);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (storage.heldMessages() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(storage.heldMessages()).isZero();
        }
    }

    @Test
    void closedStorageIsNotAlive() {
        InMemoryStorage storage = new InMemoryStorage(clock);
        assertThat(storage.isAlive().toCompletableFuture().join()).isTrue();
        storage.close();
        assertThat(storage.isAlive().toCompletableFuture().join()).isFalse();
    }

    private static void post(InMemoryStorage storage, int... ttls) {
        for (int ttl : ttls) {
            storage.messages().post(QUEUE, List.of(NewMessage.of("{}", ttl, 0)), "c");
        }
    }
}
