package io.shardq.partition.storage.redis;

import static io.shardq.partition.storage.redis.RedisScriptsIT.failure;
import static io.shardq.partition.storage.redis.RedisScriptsIT.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import io.shardq.testing.FreePorts;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Redis outage is reported quickly as {@link StorageUnavailableException}, never a hang. */
class RedisOutageIT {

    private final MutableClock clock = MutableClock.startingNow();
    private final QueueRef ref = QueueRef.of("p", "q");

    @Test
    void operationsFailFastAndRecoverWhenRedisRestarts() {
        try (RedisServer server = new RedisServer().start();
             RedisStorage storage = new RedisStorage(server.uri(), clock)) {
            assertThat(join(storage.isAlive())).isTrue();
            server.stop();

            long start = System.nanoTime();
            assertThat(join(storage.isAlive())).isFalse();
            assertThat(failure(storage.messages().post(ref, List.of(NewMessage.of("1", 60, 0)), "c")))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThat(failure(storage.queues().count("p"))).isInstanceOf(StorageUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(12));

            server.start();
            awaitAlive(storage);
            assertThat(join(storage.messages().post(ref, List.of(NewMessage.of("1", 60, 0)), "c"))).hasSize(1);
        }
    }

    @Test
    void constructionFailsWithUnavailableWhenNothingListens() {
        String uri = "redis://127.0.0.1:" + FreePorts.pick();

        assertThatThrownBy(() -> new RedisStorage(uri, clock)).isInstanceOf(StorageUnavailableException.class);
    }

    private static void awaitAlive(RedisStorage storage) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!join(storage.isAlive())) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
