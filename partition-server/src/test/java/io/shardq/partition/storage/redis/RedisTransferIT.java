package io.shardq.partition.storage.redis;

import static io.shardq.partition.storage.redis.RedisScriptsIT.failure;
import static io.shardq.partition.storage.redis.RedisScriptsIT.join;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStats;
import io.shardq.partition.storage.StatePage;
import io.shardq.partition.storage.Storage;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Raw export and import of the Redis driver, copied between two key prefixes of one Redis (two partitions),
 * plus the key-level effects: what drop removes, how the index of projects is kept.
 */
class RedisTransferIT {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    private static final String CLIENT = "3f0c6a49-5d0c-4d1c-9d3b-2b0f0e4a1c11";

    private final MutableClock clock = MutableClock.startingNow();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final QueueRef ref = QueueRef.of("proj-" + run, "orders");
    private RedisStorage source;
    private RedisStorage target;
    private RedisClient rawClient;
    private StatefulRedisConnection<String, String> rawConnection;
    private RedisCommands<String, String> raw;

    @BeforeEach
    void setUp() {
        source = new RedisStorage(redisServer.uri(), clock, "src-" + run + ":");
        target = new RedisStorage(redisServer.uri(), clock, "dst-" + run + ":");
        rawClient = RedisClient.create(redisServer.uri());
        rawConnection = rawClient.connect();
        raw = rawConnection.sync();
    }

    @AfterEach
    void tearDown() {
        source.close();
        target.close();
        rawConnection.close();
        rawClient.shutdown();
    }

    @Test
    void exportingAMissingQueueFails() {
        assertThat(failure(source.transfer().export(ref, -1, 10))).isInstanceOf(QueueNotFoundException.class);
    }

    @Test
    void exportPagesGoInPositionOrderWithCursorCounterAndDone() {
        join(source.queues().create(ref, metadata("a", 1)));
        post(source, 5, 600);

        ExportPage first = join(source.transfer().export(ref, -1, 2));
        assertThat(first.metadata()).isEqualTo(metadata("a", 1));
        assertThat(first.lastPosition()).isEqualTo(5);
        assertThat(first.messages()).extracting(Message::position).containsExactly(1L, 2L);
        assertThat(first.nextCursor()).isEqualTo(2);
        assertThat(first.done()).isFalse();

        ExportPage last = join(source.transfer().export(ref, 2, 3));
        assertThat(last.messages()).extracting(Message::position).containsExactly(3L, 4L, 5L);
        assertThat(last.nextCursor()).isEqualTo(5);
        assertThat(last.done()).isTrue();

        ExportPage beyond = join(source.transfer().export(ref, 5, 3));
        assertThat(beyond.messages()).isEmpty();
        assertThat(beyond.nextCursor()).isEqualTo(5);
        assertThat(beyond.done()).isTrue();
    }

    @Test
    void exportSkipsExpiredMessagesWithoutDeletingThem() {
        post(source, 2, 60);
        post(source, 1, 600);
        clock.advanceSeconds(61);

        ExportPage page = join(source.transfer().export(ref, -1, 10));
        assertThat(page.messages()).extracting(Message::position).containsExactly(3L);
        assertThat(page.lastPosition()).isEqualTo(3);
        assertThat(raw.zcard("src-" + run + ":q:{" + ref.key() + "}:p")).isEqualTo(3);
    }

    @Test
    void exportCarriesEveryActiveClaimWithoutMessagesAndMessagesWithTheirClaimFields() {
        post(source, 4, 600);
        Claim claim = join(source.claims().create(ref, ClaimSpec.of(120, 60, 2)));
        Claim ended = join(source.claims().create(ref, ClaimSpec.of(60, 60, 1)));
        clock.advanceSeconds(61);

        ExportPage page = join(source.transfer().export(ref, -1, 10));
        assertThat(page.claims()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(claim.id());
            assertThat(c.ttl()).isEqualTo(120);
            assertThat(c.grace()).isEqualTo(60);
            assertThat(c.expiresMillis()).isEqualTo(claim.expiresMillis());
            assertThat(c.messages()).isEmpty();
        });
        assertThat(page.messages()).hasSize(4);
        assertThat(page.messages().get(0).claimId()).isEqualTo(claim.id());
        assertThat(page.messages().get(2).claimId()).isEqualTo(ended.id());
        assertThat(page.messages().get(2).isClaimed(clock.millis())).isFalse();
    }

    @Test
    void anImportedQueueContinuesExactly() {
        join(source.queues().create(ref, metadata("color", 7)));
        post(source, 30, 600);
        Claim claim = join(source.claims().create(ref, ClaimSpec.of(300, 60, 5)));
        clock.advanceSeconds(10);

        copy(source, target, ref, 7);

        assertThat(join(target.queues().metadata(ref))).contains(metadata("color", 7));
        assertThat(listAll(target)).isEqualTo(listAll(source));
        assertThat(join(target.claims().get(ref, claim.id()))).isEqualTo(join(source.claims().get(ref, claim.id())));
        assertThat(join(target.queues().stats(ref))).isEqualTo(join(source.queues().stats(ref)));
        assertThat(join(target.transfer().queues(null, 100))).contains(ref);

        join(target.claims().update(ref, claim.id(), 600, 60));
        join(target.messages().delete(ref, claim.messages().get(0).id(), claim.id()));
        List<String> next = join(target.messages().post(ref, List.of(NewMessage.of("{}", 600, 0)), CLIENT));
        assertThat(join(target.messages().get(ref, next.get(0)))).get().extracting(Message::position)
                .isEqualTo(31L);
    }

    @Test
    void importingThePagesAgainChangesNothing() {
        post(source, 20, 600);
        join(source.claims().create(ref, ClaimSpec.of(300, 60, 5)));
        copy(source, target, ref, 6);
        Map<String, Object> before = dump("dst-" + run + ":");

        copy(source, target, ref, 6);
        copy(source, target, ref, 20);

        assertThat(dump("dst-" + run + ":")).isEqualTo(before);
    }

    @Test
    void claimedNessIsJudgedAgainstTheImportersClock() {
        post(source, 3, 600);
        Claim claim = join(source.claims().create(ref, ClaimSpec.of(60, 60, 3)));
        ExportPage page = join(source.transfer().export(ref, -1, 10));

        clock.advanceSeconds(61);
        join(target.transfer().importPage(ref, page));

        assertThat(join(target.queues().stats(ref)).claimed()).isZero();
        Claim again = join(target.claims().create(ref, ClaimSpec.of(60, 60, 10)));
        assertThat(again.messages()).extracting(Message::id)
                .containsExactlyElementsOf(claim.messages().stream().map(Message::id).toList());
    }

    @Test
    void aClaimImportedAfterItsMessagesStillHoldsThem() {
        post(source, 3, 600);
        Claim claim = join(source.claims().create(ref, ClaimSpec.of(300, 60, 2)));
        ExportPage page = join(source.transfer().export(ref, -1, 10));
        join(target.transfer().importPage(ref, new ExportPage(page.metadata(), page.lastPosition(),
                page.messages(), List.of(), page.nextCursor(), page.done())));

        join(target.transfer().importPage(ref, new ExportPage(page.metadata(), page.lastPosition(), List.of(),
                page.claims(), page.nextCursor(), page.done())));

        assertThat(join(target.claims().get(ref, claim.id())).messages()).extracting(Message::id)
                .containsExactlyElementsOf(claim.messages().stream().map(Message::id).toList());
    }

    @Test
    void statesCarryClaimChangesThatApplyStatesReplays() {
        post(source, 6, 600);
        copy(source, target, ref, 100);
        Claim claim = join(source.claims().create(ref, ClaimSpec.of(300, 60, 3)));
        copyClaimsOnly(source, target, ref);

        StatePage states = join(source.transfer().states(ref, -1, 100));
        assertThat(states.done()).isTrue();
        assertThat(states.nextCursor()).isEqualTo(6);
        join(target.transfer().applyStates(ref, states.states()));

        assertThat(listAll(target)).isEqualTo(listAll(source));
        assertThat(join(target.queues().stats(ref)).claimed()).isEqualTo(3);
        assertThat(join(target.claims().get(ref, claim.id()))).isEqualTo(join(source.claims().get(ref, claim.id())));

        join(source.claims().release(ref, claim.id()));
        join(target.transfer().applyStates(ref, join(source.transfer().states(ref, -1, 100)).states()));
        assertThat(join(target.queues().stats(ref)).claimed()).isZero();
        assertThat(join(target.claims().create(ref, ClaimSpec.of(60, 60, 10))).messages()).hasSize(6);
    }

    @Test
    void applyStatesIgnoresUnknownIdsAndDeletesMessagesExpiredNow() {
        post(source, 2, 600);
        copy(source, target, ref, 100);
        List<MessageState> states = new ArrayList<>(join(source.transfer().states(ref, -1, 10)).states());
        MessageState first = states.get(0);
        states.set(0, new MessageState(first.id(), first.position(), 1, clock.millis() - 1, null, 0, 0));
        states.add(new MessageState("unknown", 9, 60, clock.millis() + 60_000, null, 0, 0));

        join(target.transfer().applyStates(ref, states));

        assertThat(listAll(target)).extracting(Message::id).containsExactly(states.get(1).id());
        assertThat(join(target.transfer().states(ref, -1, 10)).states()).hasSize(1);
    }

    @Test
    void deleteMessagesIgnoresClaimsAndFences() {
        post(source, 3, 600);
        Claim claim = join(source.claims().create(ref, ClaimSpec.of(300, 60, 2)));
        join(source.fences().set(ref, Fence.FROZEN));

        join(source.transfer().deleteMessages(ref, List.of(claim.messages().get(0).id(), "unknown")));

        assertThat(listAll(source)).hasSize(2);
    }

    @Test
    void dropRemovesEveryKeyOfTheQueueAndForgetsAnEmptyProject() {
        post(source, 3, 600);
        join(source.claims().create(ref, ClaimSpec.of(300, 60, 2)));
        join(source.fences().enter(ref, true)).close();
        join(source.fences().set(ref, Fence.movedTo("p2")));

        join(source.transfer().drop(ref));

        assertThat(raw.keys("src-" + run + ":*")).isEmpty();
        assertThat(join(source.transfer().queues(null, 100))).doesNotContain(ref);
    }

    @Test
    void queuesListsEveryProjectsQueuesInRefOrderAcrossPages() {
        List<QueueRef> refs = List.of(QueueRef.of("", "z"), QueueRef.of("a", "b"), QueueRef.of("a", "c"),
                QueueRef.of("a-b", "a"), QueueRef.of("b", "a"), QueueRef.of("b", "b"), QueueRef.of("c", "a"));
        join(source.queues().create(refs.get(6), metadata("k", 1)));
        join(source.queues().create(refs.get(1), metadata("k", 1)));
        join(source.messages().post(refs.get(0), List.of(NewMessage.of("{}", 60, 0)), CLIENT));
        join(source.queues().create(refs.get(3), metadata("k", 1)));
        join(source.queues().create(refs.get(2), metadata("k", 1)));
        join(source.queues().create(refs.get(5), metadata("k", 1)));
        join(source.queues().create(refs.get(4), metadata("k", 1)));

        assertThat(join(source.transfer().queues(null, 100))).containsExactlyElementsOf(refs);
        List<QueueRef> paged = new ArrayList<>();
        QueueRef after = null;
        for (List<QueueRef> page; !(page = join(source.transfer().queues(after, 2))).isEmpty(); ) {
            assertThat(page.size()).isLessThanOrEqualTo(2);
            paged.addAll(page);
            after = page.get(page.size() - 1);
        }
        assertThat(paged).containsExactlyElementsOf(refs);

        join(source.queues().delete(refs.get(6)));
        assertThat(raw.zrange("src-" + run + ":projects", 0, -1)).containsExactly("", "a", "a-b", "b");
        assertThat(join(source.transfer().queues(refs.get(4), 100))).containsExactly(refs.get(5));
    }

    @Test
    void aTenThousandMessageQueueWithLiveClaimsRoundTripsBetweenPrefixes() {
        for (int i = 0; i < 10_000; i += 500) {
            join(source.messages().post(ref, IntStream.range(i, i + 500)
                    .mapToObj(j -> NewMessage.of("{\"n\":" + j + ",\"pad\":\"" + "x".repeat(j % 50) + "\"}",
                            300 + j % 600, j % 3 == 0 ? 0 : 5))
                    .toList(), "producer-" + i % 7));
            clock.advanceSeconds(1);
        }
        clock.advanceSeconds(10);
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add(join(source.claims().create(ref, ClaimSpec.of(120 + i, 30, 20))));
        }
        join(source.claims().release(ref, claims.get(3).id()));

        copy(source, target, ref, 1000);

        List<Message> copied = listAll(target);
        assertThat(copied).hasSize(10_000).isEqualTo(listAll(source));
        for (Claim claim : claims) {
            assertThat(failureOrClaim(target, claim)).isEqualTo(failureOrClaim(source, claim));
        }
        QueueStats stats = join(target.queues().stats(ref));
        assertThat(stats).isEqualTo(join(source.queues().stats(ref)));
        assertThat(stats.claimed()).isEqualTo(49 * 20);
    }

    // ---------------------------------------------------------------- helpers

    private Object failureOrClaim(Storage storage, Claim claim) {
        try {
            return join(storage.claims().get(ref, claim.id()));
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.getClass() : e.getCause().getClass();
        }
    }

    static void copy(Storage from, Storage to, QueueRef ref, int pageSize) {
        long cursor = -1;
        while (true) {
            ExportPage page = join(from.transfer().export(ref, cursor, pageSize));
            join(to.transfer().importPage(ref, page));
            cursor = page.nextCursor();
            if (page.done()) {
                return;
            }
        }
    }

    private static void copyClaimsOnly(Storage from, Storage to, QueueRef ref) {
        ExportPage page = join(from.transfer().export(ref, Long.MAX_VALUE - 1, 1));
        join(to.transfer().importPage(ref, page));
    }

    /** Every message with its stored fields (claimed and delayed included), in position order. */
    private List<Message> listAll(Storage storage) {
        List<Message> all = new ArrayList<>();
        long marker = MessageQuery.FROM_HEAD;
        while (true) {
            var page = join(storage.messages().list(ref, new MessageQuery(marker, 20, CLIENT, true, true, true)));
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page.messages());
            marker = page.nextMarker();
        }
    }

    private void post(Storage storage, int count, int ttl) {
        join(storage.messages().post(ref, IntStream.range(0, count)
                .mapToObj(i -> NewMessage.of("{\"i\":" + i + "}", ttl, 0)).toList(), CLIENT));
    }

    /** Every key under {@code prefix} with its type-specific content, for comparing whole states. */
    private Map<String, Object> dump(String prefix) {
        Map<String, Object> out = new TreeMap<>();
        for (String key : raw.keys(prefix + "*")) {
            out.put(key, switch (raw.type(key)) {
                case "hash" -> raw.hgetall(key);
                case "zset" -> raw.zrangeWithScores(key, 0, -1).toString();
                default -> raw.get(key);
            });
        }
        return out;
    }

    private static ObjectNode metadata(String key, int value) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(key, value);
        return node;
    }
}
