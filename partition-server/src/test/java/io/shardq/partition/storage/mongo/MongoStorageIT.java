package io.shardq.partition.storage.mongo;

import static io.shardq.partition.storage.mongo.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueuePage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueStats;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Behaviour of the MongoDB driver that the shared contract does not pin down, or pins down differently. */
class MongoStorageIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private static final String CLIENT = "5a7b3c1e-0000-4000-8000-000000000001";
    private static final String OTHER_CLIENT = "5a7b3c1e-0000-4000-8000-000000000002";

    private final MutableClock clock = MutableClock.startingNow();
    private MongoStorage storage;
    private QueueRef queue;

    @BeforeEach
    void open() {
        storage = new MongoStorage(mongo.uri(), mongo.database(), clock);
        queue = QueueRef.of("p-" + UUID.randomUUID(), "q");
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void batchGetsConsecutivePositionsAfterEarlierBatches() {
        List<String> first = post(queue, 2);
        List<String> second = post(queue, 3);
        List<Message> all = listAll(queue);
        assertThat(all).extracting(Message::id).containsExactlyElementsOf(concat(first, second));
        long head = all.get(0).position();
        assertThat(all).extracting(Message::position).containsExactly(head, head + 1, head + 2, head + 3, head + 4);
    }

    @Test
    void postCreatesTheQueueLazily() {
        post(queue, 1);
        assertThat(await(storage.queues().metadata(queue))).hasValueSatisfying(m -> assertThat(m.isEmpty()).isTrue());
        assertThat(await(storage.queues().create(queue, new ObjectMapper().createObjectNode()))).isFalse();
    }

    @Test
    void listingHonoursEchoClaimedAndDelayed() {
        await(storage.messages().post(queue, List.of(NewMessage.of("1", 300, 0)), OTHER_CLIENT));
        await(storage.messages().post(queue, List.of(NewMessage.of("2", 300, 0)), CLIENT));
        await(storage.messages().post(queue, List.of(NewMessage.of("3", 300, 60)), OTHER_CLIENT));
        await(storage.messages().post(queue, List.of(NewMessage.of("4", 300, 0)), OTHER_CLIENT));
        await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));

        assertThat(bodies(new MessageQuery(MessageQuery.FROM_HEAD, 10, CLIENT, false, false, false))).containsExactly("4");
        assertThat(bodies(new MessageQuery(MessageQuery.FROM_HEAD, 10, CLIENT, true, false, false))).containsExactly("2", "4");
        assertThat(bodies(new MessageQuery(MessageQuery.FROM_HEAD, 10, CLIENT, true, true, true)))
                .containsExactly("1", "2", "3", "4");
        clock.advanceSeconds(61);
        assertThat(bodies(new MessageQuery(MessageQuery.FROM_HEAD, 10, CLIENT, false, false, false)))
                .containsExactly("1", "3", "4");
    }

    @Test
    void markerStaysValidAfterItsMessageIsDeleted() {
        List<String> ids = post(queue, 4);
        MessagePage first = await(storage.messages().list(queue, everything(MessageQuery.FROM_HEAD, 2)));
        await(storage.messages().delete(queue, List.of(ids.get(1))));
        MessagePage second = await(storage.messages().list(queue, everything(first.nextMarker(), 2)));
        assertThat(second.messages()).extracting(Message::id).containsExactly(ids.get(2), ids.get(3));
        assertThat(await(storage.messages().list(queue, everything(second.nextMarker(), 2))).isEmpty()).isTrue();
    }

    @Test
    void expiredMessagesAreNeverReturnedByAnyRead() {
        List<String> ids = post(queue, 2);
        clock.advanceSeconds(300);
        assertThat(listAll(queue)).isEmpty();
        assertThat(await(storage.messages().get(queue, ids.get(0)))).isEmpty();
        assertThat(await(storage.messages().get(queue, ids))).isEmpty();
        assertThat(await(storage.claims().create(queue, ClaimSpec.of(60, 60, 10))).messages()).isEmpty();
        assertThat(await(storage.messages().pop(queue, 10))).isEmpty();
        assertThat(await(storage.queues().stats(queue))).isEqualTo(QueueStats.EMPTY);
    }

    @Test
    void claimExtendsShortLivedMessagesByGraceOnly() {
        await(storage.messages().post(queue, List.of(NewMessage.of("short", 60, 0), NewMessage.of("long", 3600, 0)),
                CLIENT));
        Claim claim = await(storage.claims().create(queue, ClaimSpec.of(120, 60, 10)));
        assertThat(claim.messages()).extracting(Message::ttl).containsExactly(180, 3600);
        assertThat(claim.messages().get(0).expiresMillis()).isEqualTo(claim.expiresMillis() + 60_000);
        clock.advanceSeconds(170);
        assertThat(await(storage.messages().get(queue, claim.messages().get(0).id()))).isPresent();
        clock.advanceSeconds(20);
        assertThat(await(storage.messages().get(queue, claim.messages().get(0).id()))).isEmpty();
    }

    @Test
    void claimNeverStealsFromALiveClaim() {
        List<String> ids = post(queue, 2);
        Claim first = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        Claim second = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        await(storage.claims().release(queue, first.id()));
        Claim third = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 2)));
        assertThat(third.messages()).extracting(Message::id).containsExactly(ids.get(0));
        assertThat(await(storage.claims().get(queue, second.id())).messages()).extracting(Message::id)
                .containsExactly(ids.get(1));
    }

    @Test
    void expiredOrReleasedClaimIsNotFoundButReleaseCompletes() {
        post(queue, 2);
        Claim expiring = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        Claim released = await(storage.claims().create(queue, ClaimSpec.of(600, 60, 1)));
        await(storage.claims().release(queue, released.id()));
        clock.advanceSeconds(60);
        for (String id : List.of(expiring.id(), released.id(), "no-such-claim")) {
            assertThatThrownBy(() -> await(storage.claims().get(queue, id))).isInstanceOf(ClaimNotFoundException.class);
            assertThatThrownBy(() -> await(storage.claims().update(queue, id, 60, 60)))
                    .isInstanceOf(ClaimNotFoundException.class);
            await(storage.claims().release(queue, id));
        }
        assertThat(await(storage.claims().create(queue, ClaimSpec.of(60, 60, 5))).messages()).hasSize(2);
    }

    @Test
    void claimUpdateRenewsAndAppliesGrace() {
        post(queue, 1);
        Claim claim = await(storage.claims().create(queue, ClaimSpec.of(60, 0, 1)));
        clock.advanceSeconds(50);
        await(storage.claims().update(queue, claim.id(), 600, 60));
        clock.advanceSeconds(500);
        Claim renewed = await(storage.claims().get(queue, claim.id()));
        assertThat(renewed.ttl()).isEqualTo(600);
        assertThat(renewed.messages()).singleElement().satisfies(m -> assertThat(m.ttl()).isEqualTo(660));
    }

    @Test
    void deleteFollowsTheClaimRules() {
        List<String> ids = post(queue, 3);
        Claim held = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        Claim other = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        String claimed = ids.get(0);
        String free = ids.get(2);

        assertThatThrownBy(() -> await(storage.messages().delete(queue, claimed, null)))
                .isInstanceOf(MessageClaimedException.class);
        assertThatThrownBy(() -> await(storage.messages().delete(queue, claimed, other.id())))
                .isInstanceOf(MessageClaimedException.class);
        assertThatThrownBy(() -> await(storage.messages().delete(queue, claimed, "gone")))
                .isInstanceOf(InvalidClaimException.class);
        assertThatThrownBy(() -> await(storage.messages().delete(queue, free, held.id())))
                .isInstanceOf(MessageNotClaimedException.class);

        await(storage.messages().delete(queue, claimed, held.id()));
        await(storage.messages().delete(queue, free, null));
        await(storage.messages().delete(queue, "missing", null));
        await(storage.messages().delete(QueueRef.of("nobody", "nothing"), "missing", "x"));
        assertThat(listAll(queue)).extracting(Message::id).containsExactly(ids.get(1));
    }

    @Test
    void bulkDeleteIgnoresClaims() {
        List<String> ids = post(queue, 2);
        await(storage.claims().create(queue, ClaimSpec.of(60, 60, 2)));
        await(storage.messages().delete(queue, List.of(ids.get(0), ids.get(1), "unknown")));
        assertThat(listAll(queue)).isEmpty();
    }

    @Test
    void popTakesTheOldestAvailableInOrder() {
        List<String> ids = post(queue, 5);
        await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        assertThat(await(storage.messages().pop(queue, 3))).extracting(Message::id)
                .containsExactly(ids.get(1), ids.get(2), ids.get(3));
        assertThat(await(storage.messages().pop(queue, 3))).extracting(Message::id).containsExactly(ids.get(4));
        assertThat(await(storage.messages().pop(QueueRef.of("nobody", "q"), 3))).isEmpty();
    }

    @Test
    void idsAreScopedToTheirQueue() {
        String id = post(queue, 1).get(0);
        Claim claim = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        QueueRef sameNameOtherProject = QueueRef.of("someone-else", queue.queue());
        QueueRef otherQueue = QueueRef.of(queue.project(), "other");
        post(otherQueue, 1);
        for (QueueRef elsewhere : List.of(sameNameOtherProject, otherQueue)) {
            assertThat(await(storage.messages().get(elsewhere, id))).isEmpty();
            assertThat(await(storage.messages().get(elsewhere, List.of(id)))).isEmpty();
            await(storage.messages().delete(elsewhere, id, null));
            await(storage.messages().delete(elsewhere, List.of(id)));
            assertThatThrownBy(() -> await(storage.claims().get(elsewhere, claim.id())))
                    .isInstanceOf(ClaimNotFoundException.class);
            await(storage.claims().release(elsewhere, claim.id()));
        }
        assertThat(await(storage.claims().get(queue, claim.id())).messages()).extracting(Message::id).containsExactly(id);
    }

    @Test
    void queuesListInByteOrderWithMarkerAndDetails() {
        String project = "list-" + UUID.randomUUID();
        ObjectNode metadata = new ObjectMapper().createObjectNode().put("_default_message_ttl", 120).put("k", "v");
        for (String name : List.of("b", "a", "B", "a-1", "_x")) {
            assertThat(await(storage.queues().create(QueueRef.of(project, name), metadata))).isTrue();
        }
        QueuePage first = await(storage.queues().list(project, null, 3, true));
        assertThat(first.queues()).extracting(QueuePage.Entry::name).containsExactly("B", "_x", "a");
        assertThat(first.queues().get(0).metadata()).isEqualTo(metadata);
        QueuePage rest = await(storage.queues().list(project, "a", 10, false));
        assertThat(rest.queues()).extracting(QueuePage.Entry::name).containsExactly("a-1", "b");
        assertThat(rest.queues()).extracting(QueuePage.Entry::metadata).containsOnlyNulls();
        assertThat(await(storage.queues().count(project))).isEqualTo(5);
    }

    @Test
    void metadataIsReplacedOnlyOnExistingQueues() {
        ObjectNode metadata = new ObjectMapper().createObjectNode().put("$odd.key", 1);
        assertThatThrownBy(() -> await(storage.queues().replaceMetadata(queue, metadata)))
                .isInstanceOf(QueueNotFoundException.class);
        await(storage.queues().create(queue, new ObjectMapper().createObjectNode()));
        await(storage.queues().replaceMetadata(queue, metadata));
        assertThat(await(storage.queues().metadata(queue))).contains(metadata);
        assertThat(await(storage.queues().metadata(QueueRef.of("nobody", "q")))).isEmpty();
    }

    @Test
    void statsCountClaimedAndFreeWithOldestAndNewest() {
        List<String> ids = post(queue, 3);
        await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        QueueStats stats = await(storage.queues().stats(queue));
        assertThat(stats.claimed()).isEqualTo(1);
        assertThat(stats.free()).isEqualTo(2);
        assertThat(stats.oldest().id()).isEqualTo(ids.get(0));
        assertThat(stats.newest().id()).isEqualTo(ids.get(2));
        clock.advanceSeconds(60);
        assertThat(await(storage.queues().stats(queue)).claimed()).isZero();
    }

    @Test
    void purgeKeepsTheQueueAndDeleteRemovesEverything() {
        post(queue, 2);
        Claim claim = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        await(storage.messages().purge(queue));
        assertThat(listAll(queue)).isEmpty();
        assertThatThrownBy(() -> await(storage.claims().get(queue, claim.id()))).isInstanceOf(ClaimNotFoundException.class);
        assertThat(await(storage.queues().metadata(queue))).isPresent();

        post(queue, 2);
        Claim another = await(storage.claims().create(queue, ClaimSpec.of(60, 60, 1)));
        assertThat(await(storage.queues().delete(queue))).isTrue();
        assertThat(await(storage.queues().delete(queue))).isFalse();
        assertThat(await(storage.queues().metadata(queue))).isEmpty();
        assertThatThrownBy(() -> await(storage.claims().get(queue, another.id()))).isInstanceOf(ClaimNotFoundException.class);
        post(queue, 1);
        assertThat(listAll(queue)).hasSize(1);
    }

    @Test
    void messageClaimedTooOftenMovesToTheDeadLetterTailWithItsId() {
        QueueRef deadLetters = QueueRef.of(queue.project(), "dlq");
        post(deadLetters, 1);
        List<String> ids = post(queue, 2);
        ClaimSpec spec = new ClaimSpec(60, 60, 1, new ClaimSpec.DeadLetter("dlq", 1, 0));
        Claim first = await(storage.claims().create(queue, spec));
        assertThat(first.messages()).singleElement().satisfies(m -> assertThat(m.claimCount()).isEqualTo(1));
        await(storage.claims().release(queue, first.id()));

        Claim second = await(storage.claims().create(queue, spec));
        assertThat(second.messages()).extracting(Message::id).containsExactly(ids.get(1));
        assertThat(await(storage.messages().get(queue, ids.get(0)))).isEmpty();
        List<Message> moved = listAll(deadLetters);
        assertThat(moved).hasSize(2);
        assertThat(moved.get(1).id()).isEqualTo(ids.get(0));
        assertThat(moved.get(1).isClaimed(clock.millis())).isFalse();
    }

    @Test
    void isAliveAnswersTrue() {
        assertThat(await(storage.isAlive())).isTrue();
    }

    private List<String> post(QueueRef ref, int count) {
        List<NewMessage> messages = IntStream.range(0, count).mapToObj(i -> NewMessage.of("{\"n\":" + i + "}", 300, 0))
                .toList();
        return await(storage.messages().post(ref, messages, CLIENT));
    }

    private List<Message> listAll(QueueRef ref) {
        return await(storage.messages().list(ref, everything(MessageQuery.FROM_HEAD, 20))).messages();
    }

    private List<String> bodies(MessageQuery query) {
        return await(storage.messages().list(queue, query)).messages().stream().map(Message::body).toList();
    }

    private static MessageQuery everything(long after, int limit) {
        return new MessageQuery(after, limit, CLIENT, true, true, true);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
