package io.shardq.partition.storage.mongo;

import static io.shardq.partition.storage.mongo.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import io.shardq.testing.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A MongoDB that goes away turns into quick {@code false} pings and {@link StorageUnavailableException}s, never a hang. */
class MongoOutageIT {

    private static final MongoStorageSettings IMPATIENT = new MongoStorageSettings(4, 100, Duration.ofSeconds(1),
            MongoStorageSettings.DEFAULT_STALL_WINDOW, null);

    @Test
    void lostServerGivesFalsePingAndUnavailableStorage() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        QueueRef queue = QueueRef.of("p", "q");
        try (MongoStorage storage = new MongoStorage(uri, "outage", MutableClock.startingNow(), IMPATIENT)) {
            await(storage.messages().post(queue, List.of(NewMessage.of("1", 60, 0)), null));
            assertThat(await(storage.isAlive())).isTrue();

            server.shutdownNow();

            long started = System.nanoTime();
            assertThat(await(storage.isAlive())).isFalse();
            assertThatThrownBy(() -> await(storage.messages().post(queue, List.of(NewMessage.of("2", 60, 0)), null)))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThatThrownBy(() -> await(storage.queues().stats(queue)))
                    .isInstanceOf(StorageUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        } finally {
            server.shutdownNow();
        }
    }

    @Test
    void unreachableServerFailsConstructionWithUnavailableStorage() {
        MongoServer server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        server.shutdownNow();
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort();
        assertThatThrownBy(() -> new MongoStorage(uri, "outage", MutableClock.startingNow(), IMPATIENT))
                .isInstanceOf(StorageUnavailableException.class);
    }
}
