package io.shardq.partition.storage.mongo;

import static io.shardq.partition.storage.mongo.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Strict FIFO and exactly-once claiming with two partition-server nodes (two {@link MongoStorage}
 * instances) on one MongoDB, and what happens when a poster stalls or dies between reserving positions and
 * committing them (simulated with the package's own {@link PositionSequencer}).
 */
class MongoFifoIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private static final String CLIENT = "5a7b3c1e-0000-4000-8000-000000000001";

    private final MutableClock clock = MutableClock.startingNow();
    private MongoStorage node1;
    private MongoStorage node2;
    private MongoClient client;
    private MongoCollections collections;
    private PositionSequencer slowNode;
    private QueueRef queue;

    @BeforeEach
    void open() {
        node1 = new MongoStorage(mongo.uri(), mongo.database(), clock);
        node2 = new MongoStorage(mongo.uri(), mongo.database(), clock);
        client = MongoClients.create(mongo.uri());
        collections = new MongoCollections(client.getDatabase(mongo.database()), null);
        slowNode = new PositionSequencer(collections.queues(), clock,
                MongoStorageSettings.DEFAULT_STALL_WINDOW);
        queue = QueueRef.of("p-" + UUID.randomUUID(), "fifo");
    }

    @AfterEach
    void close() {
        node1.close();
        node2.close();
        client.close();
    }

    @Test
    void laterBatchStaysInvisibleUntilTheEarlierOneCommits() throws Exception {
        PositionSequencer.Reservation earlier = slowNode.reserve(queue, 1);
        CompletableFuture<List<String>> later = node1.messages()
                .post(queue, List.of(NewMessage.of("\"later\"", 300, 0)), CLIENT).toCompletableFuture();

        TimeUnit.MILLISECONDS.sleep(300);
        assertThat(later).isNotDone();
        assertThat(listAll(node2)).isEmpty();

        String earlierId = UUID.randomUUID().toString();
        collections.messages().insertOne(MessageDocuments.of(queue, earlierId, earlier.first(),
                        NewMessage.of("\"earlier\"", 300, 0), CLIENT, earlier.batch(), clock.millis())
                .append(MessageDocuments.GENERATION, earlier.generation()));
        assertThat(listAll(node2)).isEmpty();
        assertThat(slowNode.commit(earlier)).isTrue();

        List<String> laterIds = later.get(10, TimeUnit.SECONDS);
        assertThat(listAll(node2)).extracting(Message::id).containsExactly(earlierId, laterIds.get(0));
    }

    @Test
    void stalledBatchIsAbortedAndItsLateWritesStayHidden() {
        PositionSequencer.Reservation stalled = slowNode.reserve(queue, 2);
        clock.advance(MongoStorageSettings.DEFAULT_STALL_WINDOW.plusSeconds(1));

        List<String> posted = await(node1.messages().post(queue, List.of(NewMessage.of("1", 300, 0)), CLIENT));
        for (int i = 0; i < 2; i++) {
            collections.messages().insertOne(MessageDocuments.of(queue, "late-" + i, stalled.first() + i,
                            NewMessage.of("\"late\"", 300, 0), CLIENT, stalled.batch(), clock.millis())
                    .append(MessageDocuments.GENERATION, stalled.generation()));
        }

        assertThat(slowNode.commit(stalled)).isFalse();
        assertThat(listAll(node2)).extracting(Message::id).containsExactlyElementsOf(posted);
        assertThat(await(node2.messages().get(queue, "late-0"))).isEmpty();
        assertThat(await(node2.queues().stats(queue)).total()).isEqualTo(1);
        Claim claim = await(node2.claims().create(queue, ClaimSpec.of(60, 60, 10)));
        assertThat(claim.messages()).extracting(Message::id).containsExactlyElementsOf(posted);
    }

    @Test
    void strayWriteIntoADeletedQueueNeverShowsInItsNextIncarnation() {
        PositionSequencer.Reservation old = slowNode.reserve(queue, 2);
        await(node1.queues().delete(queue));
        for (int i = 0; i < 2; i++) {
            collections.messages().insertOne(MessageDocuments.of(queue, "stray-" + i, old.first() + i,
                            NewMessage.of("\"stray\"", 300, 0), CLIENT, old.batch(), clock.millis())
                    .append(MessageDocuments.GENERATION, old.generation()));
        }

        List<String> fresh = await(node2.messages().post(queue, List.of(NewMessage.of("1", 300, 0)), CLIENT));

        assertThat(slowNode.commit(old)).isFalse();
        assertThat(listAll(node1)).extracting(Message::id).containsExactlyElementsOf(fresh);
        assertThat(listAll(node1)).extracting(Message::position).containsExactly(1L);
        assertThat(await(node1.messages().get(queue, "stray-1"))).isEmpty();
        assertThat(await(node1.queues().stats(queue)).total()).isEqualTo(1);
    }

    @Test
    void observerPagingByMarkerNeverSkipsWhileProducersOnBothNodesPost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<List<String>>> producers = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                MongoStorage node = p % 2 == 0 ? node1 : node2;
                producers.add(pool.submit(() -> produce(node, 40)));
            }
            Future<List<Message>> observer = pool.submit(() -> observe(node2, producers));

            List<String> posted = new ArrayList<>();
            for (Future<List<String>> producer : producers) {
                posted.addAll(producer.get(120, TimeUnit.SECONDS));
            }
            List<Message> seen = observer.get(120, TimeUnit.SECONDS);

            assertThat(seen).extracting(Message::id).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(posted);
            assertThat(seen).extracting(Message::position).isSorted();
            assertThat(seen).extracting(Message::id)
                    .containsExactlyElementsOf(listAllPages(node1).stream().map(Message::id).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eightClaimersOnTwoNodesClaimEachMessageExactlyOnce() throws Exception {
        List<String> posted = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<NewMessage> messages = IntStream.range(0, 100).mapToObj(i -> NewMessage.of("1", 3600, 0)).toList();
            posted.addAll(await(node1.messages().post(queue, messages, CLIENT)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> claimers = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                MongoStorage node = c % 2 == 0 ? node1 : node2;
                claimers.add(pool.submit(() -> claimUntilEmpty(node)));
            }
            List<String> claimed = new ArrayList<>();
            for (Future<List<String>> claimer : claimers) {
                claimed.addAll(claimer.get(180, TimeUnit.SECONDS));
            }
            assertThat(claimed).hasSize(2000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(posted);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> produce(MongoStorage node, int batches) {
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int size = ThreadLocalRandom.current().nextInt(1, 5);
            List<NewMessage> batch = IntStream.range(0, size).mapToObj(i -> NewMessage.of("0", 3600, 0)).toList();
            ids.addAll(await(node.messages().post(queue, batch, CLIENT)));
        }
        return ids;
    }

    /** Pages by marker until every producer is done and a page after that comes back empty. */
    private List<Message> observe(MongoStorage node, List<Future<List<String>>> producers) {
        List<Message> seen = new ArrayList<>();
        long marker = MessageQuery.FROM_HEAD;
        while (true) {
            boolean producersDone = producers.stream().allMatch(Future::isDone);
            MessagePage page = await(node.messages().list(queue, everything(marker)));
            seen.addAll(page.messages());
            marker = page.nextMarker();
            if (page.isEmpty() && producersDone) {
                return seen;
            }
        }
    }

    private List<String> claimUntilEmpty(MongoStorage node) {
        List<String> ids = new ArrayList<>();
        while (true) {
            Claim claim = await(node.claims().create(queue, ClaimSpec.of(600, 60, 20)));
            if (claim.messages().isEmpty()) {
                return ids;
            }
            claim.messages().forEach(message -> ids.add(message.id()));
        }
    }

    private List<Message> listAll(MongoStorage node) {
        return await(node.messages().list(queue, everything(MessageQuery.FROM_HEAD))).messages();
    }

    private List<Message> listAllPages(MongoStorage node) {
        List<Message> all = new ArrayList<>();
        long marker = MessageQuery.FROM_HEAD;
        for (MessagePage page; !(page = await(node.messages().list(queue, everything(marker)))).isEmpty(); ) {
            all.addAll(page.messages());
            marker = page.nextMarker();
        }
        return all;
    }

    private static MessageQuery everything(long after) {
        return new MessageQuery(after, 20, CLIENT, true, true, true);
    }
}
