package io.shardq.partition.storage.redis;

import static io.shardq.partition.storage.redis.RedisScriptsIT.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two partition-server nodes (two {@link RedisStorage}s) on one Redis: no double claims, strict FIFO. */
class RedisTwoNodesIT {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    private static final int MESSAGES = 2_000;
    private static final int CLAIMERS = 8;

    private final MutableClock clock = MutableClock.startingNow();
    private final QueueRef ref = QueueRef.of("p", "shared");
    private RedisStorage nodeA;
    private RedisStorage nodeB;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        nodeA = new RedisStorage(redisServer.uri(), clock, "two:");
        nodeB = new RedisStorage(redisServer.uri(), clock, "two:");
        join(nodeA.queues().delete(ref));
        pool = Executors.newFixedThreadPool(CLAIMERS + 1);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        nodeA.close();
        nodeB.close();
    }

    @Test
    void concurrentClaimersOnTwoNodesClaimEachMessageExactlyOnce() throws Exception {
        for (int i = 0; i < MESSAGES; i += 50) {
            join((i % 100 == 0 ? nodeA : nodeB).messages().post(ref, batch(50), "producer"));
        }
        Map<String, AtomicInteger> claimed = new ConcurrentHashMap<>();
        List<Future<?>> claimers = new ArrayList<>();
        for (int t = 0; t < CLAIMERS; t++) {
            RedisStorage node = t % 2 == 0 ? nodeA : nodeB;
            claimers.add(pool.submit(() -> claimUntilEmpty(node, claimed)));
        }
        for (Future<?> claimer : claimers) {
            claimer.get(60, TimeUnit.SECONDS);
        }

        assertThat(claimed).hasSize(MESSAGES);
        assertThat(claimed.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(join(nodeB.queues().stats(ref)).claimed()).isEqualTo(MESSAGES);
    }

    private void claimUntilEmpty(RedisStorage node, Map<String, AtomicInteger> claimed) {
        while (true) {
            Claim claim = join(node.claims().create(ref, ClaimSpec.of(300, 60, 10)));
            if (claim.messages().isEmpty()) {
                return;
            }
            claim.messages().forEach(m -> claimed.computeIfAbsent(m.id(), id -> new AtomicInteger()).incrementAndGet());
        }
    }

    @Test
    void observerOnEitherNodeSeesEveryBatchInOrderWhileBothNodesProduce() throws Exception {
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);
        List<Future<?>> producers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            RedisStorage node = t % 2 == 0 ? nodeA : nodeB;
            int size = t + 1;
            producers.add(pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    batches.add(join(node.messages().post(ref, batch(size), "producer")));
                }
            }));
        }
        Future<List<Message>> observer = pool.submit(() -> observe(producing));
        for (Future<?> producer : producers) {
            producer.get(60, TimeUnit.SECONDS);
        }
        producing.set(false);
        List<Message> seen = observer.get(60, TimeUnit.SECONDS);

        assertThat(seen).extracting(Message::position).isSorted().doesNotHaveDuplicates();
        List<String> seenIds = seen.stream().map(Message::id).toList();
        assertThat(seenIds).hasSize(batches.stream().mapToInt(List::size).sum());
        for (List<String> batch : batches) {
            int start = seenIds.indexOf(batch.get(0));
            assertThat(seenIds.subList(start, start + batch.size())).isEqualTo(batch);
        }
    }

    /** Pages by marker, alternating nodes, until the producers stopped and a page comes back empty. */
    private List<Message> observe(AtomicBoolean producing) {
        List<Message> seen = new ArrayList<>();
        long marker = MessageQuery.FROM_HEAD;
        for (int page = 0; ; page++) {
            boolean last = !producing.get();
            RedisStorage node = page % 2 == 0 ? nodeA : nodeB;
            MessagePage result = join(node.messages().list(ref,
                    new MessageQuery(marker, 20, "observer", true, true, true)));
            seen.addAll(result.messages());
            marker = result.nextMarker();
            if (result.isEmpty() && last) {
                return seen;
            }
        }
    }

    private static List<NewMessage> batch(int size) {
        return IntStream.range(0, size).mapToObj(i -> NewMessage.of("{\"i\":" + i + "}", 600, 0)).toList();
    }
}
