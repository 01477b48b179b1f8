package io.shardq.partition.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.InvalidClaimException;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.MessageNotClaimedException;
import io.shardq.partition.storage.MessagePage;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStats;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis-specific behaviour of the driver: scripts, key layout, cleanup, script cache loss. */
class RedisScriptsIT {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    private static final String CLIENT = "3f0c6a49-5d0c-4d1c-9d3b-2b0f0e4a1c11";

    private final MutableClock clock = MutableClock.startingNow();
    private RedisStorage storage;
    private RedisClient rawClient;
    private StatefulRedisConnection<String, String> rawConnection;
    private RedisCommands<String, String> raw;
    private QueueRef ref;

    @BeforeEach
    void setUp() {
        storage = new RedisStorage(redisServer.uri(), clock, "t:");
        rawClient = RedisClient.create(redisServer.uri());
        rawConnection = rawClient.connect();
        raw = rawConnection.sync();
        raw.flushall();
        ref = QueueRef.of("p1", "q" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void tearDown() {
        storage.close();
        rawConnection.close();
        rawClient.shutdown();
    }

    @Test
    void postGivesConsecutivePositionsPerBatch() {
        List<String> first = post(ref, 3, 300);
        List<String> second = post(ref, 2, 300);

        List<Message> all = join(storage.messages().get(ref, concat(first, second)));

        assertThat(all).extracting(Message::position).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(all).extracting(Message::id).containsExactlyElementsOf(concat(first, second));
    }

    @Test
    void postCreatesQueueLazily() {
        post(ref, 1, 300);

        assertThat(join(storage.queues().metadata(ref))).contains(new ObjectMapper().createObjectNode());
        assertThat(join(storage.queues().count("p1"))).isEqualTo(1);
    }

    @Test
    void claimNeverStealsFromLiveClaim() {
        List<String> ids = post(ref, 3, 300);
        Claim c1 = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 1)));
        Claim c2 = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 1)));
        join(storage.claims().release(ref, c1.id()));

        Claim c3 = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 2)));

        assertThat(c2.messages()).extracting(Message::id).containsExactly(ids.get(1));
        assertThat(c3.messages()).extracting(Message::id).containsExactly(ids.get(0), ids.get(2));
    }

    @Test
    void graceKeepsClaimedMessageAliveAfterItsOwnTtl() {
        String id = post(ref, 1, 60).get(0);
        clock.advanceSeconds(10);
        Claim claim = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 1)));

        clock.advanceSeconds(52);
        Message alive = join(storage.messages().get(ref, id)).orElseThrow();

        assertThat(alive.ttl()).isEqualTo(120);
        assertThat(alive.expiresMillis()).isEqualTo(claim.expiresMillis() + 60_000);
        clock.advanceSeconds(68);
        assertThat(join(storage.messages().get(ref, id))).isEmpty();
    }

    @Test
    void expiredClaimIsNotFoundButReleaseCompletes() {
        post(ref, 2, 600);
        Claim claim = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 2)));
        clock.advanceSeconds(61);

        assertThat(failure(storage.claims().get(ref, claim.id()))).isInstanceOf(ClaimNotFoundException.class);
        assertThat(failure(storage.claims().update(ref, claim.id(), 60, 60)))
                .isInstanceOf(ClaimNotFoundException.class);
        join(storage.claims().release(ref, claim.id()));
        QueueStats stats = join(storage.queues().stats(ref));
        assertThat(stats.claimed()).isZero();
        assertThat(stats.free()).isEqualTo(2);
    }

    @Test
    void expiredMessagesAreNeverListedClaimedPoppedOrCounted() {
        List<String> shortLived = post(ref, 2, 60);
        List<String> longLived = post(ref, 1, 600);
        clock.advanceSeconds(60);

        assertThat(join(storage.messages().list(ref, everything())).messages()).extracting(Message::id)
                .containsExactlyElementsOf(longLived);
        assertThat(join(storage.messages().get(ref, shortLived))).isEmpty();
        assertThat(join(storage.queues().stats(ref)).total()).isEqualTo(1);
        assertThat(join(storage.messages().pop(ref, 5))).extracting(Message::id).containsExactlyElementsOf(longLived);
    }

    @Test
    void expiredMessagesAreRemovedFromRedisByLaterScripts() {
        post(ref, 5, 60);
        clock.advanceSeconds(61);

        post(ref, 1, 600);

        RedisKeys.QueueKeys keys = new RedisKeys("t:").queue(ref);
        assertThat(raw.hlen(keys.messages())).isEqualTo(1);
        assertThat(raw.zcard(keys.positions())).isEqualTo(1);
        assertThat(raw.zcard(keys.expiries())).isEqualTo(1);
        assertThat(raw.zcard(keys.free())).isEqualTo(1);
    }

    @Test
    void idsAreScopedToTheirQueueAndProject() {
        String id = post(ref, 1, 300).get(0);
        QueueRef otherQueue = QueueRef.of(ref.project(), ref.queue() + "x");
        QueueRef otherProject = QueueRef.of("p2", ref.queue());
        post(otherQueue, 1, 300);

        assertThat(join(storage.messages().get(otherQueue, id))).isEmpty();
        assertThat(join(storage.messages().get(otherProject, id))).isEmpty();
        join(storage.messages().delete(otherQueue, id, null));
        join(storage.messages().delete(otherProject, List.of(id)));
        assertThat(join(storage.messages().get(ref, id))).isPresent();
    }

    @Test
    void listingFillsPagePastClaimedAndOwnMessages() {
        List<String> mine = post(ref, 5, 300);
        join(storage.claims().create(ref, ClaimSpec.of(60, 60, 3)));
        List<String> theirs = join(storage.messages().post(ref, messages(3, 300), "other-client"));

        MessagePage page = join(storage.messages().list(ref,
                new MessageQuery(MessageQuery.FROM_HEAD, 3, CLIENT, false, false, false)));

        assertThat(page.messages()).extracting(Message::id).containsExactlyElementsOf(theirs);
        assertThat(page.nextMarker()).isEqualTo(8);
        assertThat(mine).hasSize(5);
    }

    @Test
    void markerStaysValidAfterItsMessageIsDeleted() {
        List<String> ids = post(ref, 4, 300);
        MessagePage first = join(storage.messages().list(ref, page(MessageQuery.FROM_HEAD, 2)));
        join(storage.messages().delete(ref, ids.get(1), null));

        MessagePage second = join(storage.messages().list(ref, page(first.nextMarker(), 2)));

        assertThat(second.messages()).extracting(Message::id).containsExactly(ids.get(2), ids.get(3));
    }

    @Test
    void deleteFollowsClaimRules() {
        List<String> ids = post(ref, 3, 300);
        Claim claim = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 2)));
        Claim other = join(storage.claims().create(ref, ClaimSpec.of(60, 60, 1)));

        assertThat(failure(storage.messages().delete(ref, ids.get(0), null)))
                .isInstanceOf(MessageClaimedException.class);
        assertThat(failure(storage.messages().delete(ref, ids.get(0), other.id())))
                .isInstanceOf(MessageClaimedException.class);
        assertThat(failure(storage.messages().delete(ref, ids.get(0), "no-such-claim")))
                .isInstanceOf(InvalidClaimException.class);
        join(storage.claims().release(ref, other.id()));
        assertThat(failure(storage.messages().delete(ref, ids.get(2), claim.id())))
                .isInstanceOf(MessageNotClaimedException.class);
        join(storage.messages().delete(ref, ids.get(0), claim.id()));
        join(storage.messages().delete(ref, "missing", null));
        assertThat(join(storage.messages().get(ref, ids))).extracting(Message::id)
                .containsExactly(ids.get(1), ids.get(2));
    }

    @Test
    void popIsFifoAndSkipsClaimedAndDelayed() {
        List<String> ids = post(ref, 2, 300);
        join(storage.messages().post(ref, List.of(NewMessage.of("{}", 300, 60)), CLIENT));
        List<String> later = post(ref, 2, 300);
        join(storage.claims().create(ref, ClaimSpec.of(60, 60, 1)));

        assertThat(join(storage.messages().pop(ref, 5))).extracting(Message::id)
                .containsExactly(ids.get(1), later.get(0), later.get(1));
    }

    @Test
    void queuesListInByteOrderAfterMarker() {
        ObjectNode meta = new ObjectMapper().createObjectNode().put("color", "red");
        for (String name : List.of("b", "a", "B", "a_1", "a-2")) {
            join(storage.queues().create(QueueRef.of("lp", name), meta));
        }

        QueuePage page = join(storage.queues().list("lp", "a", 3, true));

        assertThat(page.queues()).extracting(QueuePage.Entry::name).containsExactly("a-2", "a_1", "b");
        assertThat(page.queues()).extracting(QueuePage.Entry::metadata).containsOnly(meta);
        assertThat(join(storage.queues().list("lp", null, 10, false)).queues()).extracting(QueuePage.Entry::name)
                .containsExactly("B", "a", "a-2", "a_1", "b");
        assertThat(join(storage.queues().count("lp"))).isEqualTo(5);
    }

    @Test
    void deletingQueueRemovesEveryKey() {
        post(ref, 3, 300);
        join(storage.claims().create(ref, ClaimSpec.of(60, 60, 2)));

        assertThat(join(storage.queues().delete(ref))).isTrue();

        assertThat(raw.keys("t:*")).isEmpty();
        assertThat(join(storage.queues().delete(ref))).isFalse();
    }

    @Test
    void scriptsAreReloadedAfterScriptFlush() {
        post(ref, 1, 300);
        raw.scriptFlush();

        assertThat(post(ref, 1, 300)).hasSize(1);
        assertThat(join(storage.queues().stats(ref)).total()).isEqualTo(2);
    }

    @Test
    void deadLetterMovesMessageClaimedTooOften() {
        String id = post(ref, 1, 300).get(0);
        QueueRef dlq = QueueRef.of(ref.project(), ref.queue() + "-dlq");
        ClaimSpec spec = new ClaimSpec(60, 60, 1, new ClaimSpec.DeadLetter(dlq.queue(), 1, 900));
        Claim first = join(storage.claims().create(ref, spec));
        join(storage.claims().release(ref, first.id()));

        Claim second = join(storage.claims().create(ref, spec));

        assertThat(second.messages()).isEmpty();
        Message moved = join(storage.messages().get(dlq, id)).orElseThrow();
        assertThat(moved.ttl()).isEqualTo(900);
        assertThat(moved.claimCount()).isEqualTo(1);
        assertThat(join(storage.messages().get(ref, id))).isEmpty();
        assertThat(join(storage.queues().metadata(dlq))).isPresent();
    }

    @Test
    void queueThatIsItsOwnDeadLetterQueueClaimsNormally() {
        List<String> ids = post(ref, 2, 300);
        ClaimSpec spec = new ClaimSpec(60, 60, 2, new ClaimSpec.DeadLetter(ref.queue(), 0, 0));

        Claim claim = join(storage.claims().create(ref, spec));

        assertThat(claim.messages()).extracting(Message::id).containsExactlyElementsOf(ids);
    }

    @Test
    void keyPrefixSeparatesStorages() {
        try (RedisStorage other = new RedisStorage(redisServer.uri(), clock, "u:")) {
            post(ref, 1, 300);

            assertThat(join(other.queues().stats(ref)).total()).isZero();
            assertThat(join(other.queues().count(ref.project()))).isZero();
        }
    }

    private List<String> post(QueueRef queue, int count, int ttl) {
        return join(storage.messages().post(queue, messages(count, ttl), CLIENT));
    }

    private static List<NewMessage> messages(int count, int ttl) {
        return IntStream.range(0, count).mapToObj(i -> NewMessage.of("{\"n\":" + i + "}", ttl, 0)).toList();
    }

    private static MessageQuery everything() {
        return new MessageQuery(MessageQuery.FROM_HEAD, 20, CLIENT, true, true, true);
    }

    private static MessageQuery page(long after, int limit) {
        return new MessageQuery(after, limit, CLIENT, true, true, true);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the stage to fail");
    }
}
