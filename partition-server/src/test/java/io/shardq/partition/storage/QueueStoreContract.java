package io.shardq.partition.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.testing.MutableClock;
import io.shardq.testing.Stages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every storage driver must show: SPEC §4 as amended by "Where we go further" (strict FIFO,
 * claims never steal, grace honoured, exact expiry, FIFO pop, scoped ids, stable markers). Written once;
 * each driver's test extends it and only supplies the store.
 *
 * <p>Every test starts a fresh {@link Storage} on a {@link MutableClock} and uses queue and project names of
 * its own, so a backend shared between tests is fine. Time only moves through {@link #advance}; nothing
 * sleeps.
 */
public abstract class QueueStoreContract {

    protected static final String PRODUCER = "6f1c1f9e-0000-4000-8000-000000000001";
    protected static final String CONSUMER = "6f1c1f9e-0000-4000-8000-000000000002";
    private static final int TTL = 3600;
    private static final long WAIT_SECONDS = 60;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    protected MutableClock clock;
    protected Storage storage;

    /** A store reading time from {@code clock}; called once per test. */
    protected abstract Storage createStorage(MutableClock clock);

    /** Moves time forward; override if the backend needs to be told as well. */
    protected void advance(MutableClock clock, Duration duration) {
        clock.advance(duration);
    }

    @BeforeEach
    void openStorage() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        storage = createStorage(clock);
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    // ---------------------------------------------------------------- queues

    @Nested
    class Queues {

        @Test
        void createReportsWhetherTheQueueIsNewAndKeepsTheFirstMetadata() {
            QueueRef ref = newQueue();
            assertThat(await(storage.queues().create(ref, metadata("color", "red")))).isTrue();
            assertThat(await(storage.queues().create(ref, metadata("color", "blue")))).isFalse();
            assertThat(await(storage.queues().metadata(ref))).contains(metadata("color", "red"));
        }

        @Test
        void metadataOfAMissingQueueIsEmpty() {
            assertThat(await(storage.queues().metadata(newQueue()))).isEmpty();
        }

        @Test
        void replaceMetadataReplacesTheWholeObject() {
            QueueRef ref = newQueue();
            await(storage.queues().create(ref, metadata("a", "1").put("b", 2)));
            await(storage.queues().replaceMetadata(ref, metadata("c", "3")));
            assertThat(await(storage.queues().metadata(ref))).contains(metadata("c", "3"));
        }

        @Test
        void replaceMetadataOfAMissingQueueFailsWithQueueNotFound() {
            assertThatThrownBy(() -> await(storage.queues().replaceMetadata(newQueue(), metadata("a", "1"))))
                    .isInstanceOf(QueueNotFoundException.class);
        }

        @Test
        void mutatingMetadataPassedInOrHandedOutLeavesTheStoreUnchanged() {
            QueueRef ref = newQueue();
            ObjectNode given = metadata("color", "red");
            await(storage.queues().create(ref, given));
            given.put("in", 1);
            await(storage.queues().metadata(ref)).orElseThrow().put("out", 2);
            await(storage.queues().list(ref.project(), null, 10, true)).queues().get(0).metadata().put("listed", 3);
            ObjectNode replacement = metadata("size", "L");
            await(storage.queues().replaceMetadata(ref, replacement));
            replacement.put("later", 4);

            assertThat(await(storage.queues().metadata(ref))).contains(metadata("size", "L"));
        }

        @Test
        void postCreatesAMissingQueueWithEmptyMetadata() {
            QueueRef ref = newQueue();
            post(ref, "{}");
            assertThat(await(storage.queues().metadata(ref))).contains(JsonNodeFactory.instance.objectNode());
            assertThat(await(storage.queues().create(ref, metadata("a", "1")))).isFalse();
        }

        @Test
        void deleteReportsWhetherTheQueueExisted() {
            QueueRef ref = newQueue();
            await(storage.queues().create(ref, metadata("a", "1")));
            assertThat(await(storage.queues().delete(ref))).isTrue();
            assertThat(await(storage.queues().delete(ref))).isFalse();
            assertThat(await(storage.queues().metadata(ref))).isEmpty();
        }

        @Test
        void deleteRemovesMessagesAndClaims() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}");
            Claim claim = claim(ref, 300, 60, 1);

            await(storage.queues().delete(ref));

            assertThat(await(storage.messages().get(ref, ids.get(1)))).isEmpty();
            assertThatThrownBy(() -> await(storage.claims().get(ref, claim.id())))
                    .isInstanceOf(ClaimNotFoundException.class);
            assertThat(await(storage.queues().stats(ref))).isEqualTo(QueueStats.EMPTY);
            await(storage.queues().create(ref, metadata("a", "1")));
            assertThat(listAll(ref)).isEmpty();
            assertThat(claim(ref, 300, 60, 10).messages()).isEmpty();
        }

        @Test
        void listOrdersNamesByBytesAfterTheMarker() {
            String project = newProject();
            for (String name : List.of("b", "B", "a.b", "a-b", "a_b", "9", "a")) {
                await(storage.queues().create(QueueRef.of(project, name), metadata("n", name)));
            }

            assertThat(names(project, null, 20)).containsExactly("9", "B", "a", "a-b", "a.b", "a_b", "b");
            assertThat(names(project, "a", 20)).containsExactly("a-b", "a.b", "a_b", "b");
            assertThat(names(project, "a0", 20)).containsExactly("a_b", "b");
            assertThat(names(project, "b", 20)).isEmpty();
        }

        @Test
        void listPagesByLimitUntilAnEmptyPage() {
            String project = newProject();
            for (int i = 1; i <= 5; i++) {
                await(storage.queues().create(QueueRef.of(project, "q" + i), metadata("n", "" + i)));
            }
            assertThat(names(project, null, 2)).containsExactly("q1", "q2");
            assertThat(names(project, "q2", 2)).containsExactly("q3", "q4");
            assertThat(names(project, "q4", 2)).containsExactly("q5");
            assertThat(names(project, "q5", 2)).isEmpty();
        }

        @Test
        void listCarriesMetadataOnlyWhenDetailed() {
            QueueRef ref = newQueue();
            await(storage.queues().create(ref, metadata("color", "red")));
            assertThat(await(storage.queues().list(ref.project(), null, 10, false)).queues())
                    .containsExactly(new QueuePage.Entry(ref.queue(), null));
            assertThat(await(storage.queues().list(ref.project(), null, 10, true)).queues())
                    .containsExactly(new QueuePage.Entry(ref.queue(), metadata("color", "red")));
        }

        @Test
        void listAndCountSeeOnlyTheirOwnProject() {
            String mine = newProject();
            String theirs = newProject();
            for (String name : List.of("x", "y")) {
                await(storage.queues().create(QueueRef.of(mine, name), metadata("p", "mine")));
            }
            for (String name : List.of("w", "x", "z")) {
                await(storage.queues().create(QueueRef.of(theirs, name), metadata("p", "theirs")));
            }
            assertThat(names(mine, null, 20)).containsExactly("x", "y");
            assertThat(names(theirs, "x", 20)).containsExactly("z");
            assertThat(await(storage.queues().count(mine))).isEqualTo(2);
            assertThat(await(storage.queues().count(theirs))).isEqualTo(3);
            assertThat(await(storage.queues().count(newProject()))).isZero();
        }

        @Test
        void countDropsDeletedQueues() {
            QueueRef ref = newQueue();
            await(storage.queues().create(ref, metadata("a", "1")));
            await(storage.queues().create(QueueRef.of(ref.project(), "other"), metadata("a", "1")));
            await(storage.queues().delete(ref));
            assertThat(await(storage.queues().count(ref.project()))).isEqualTo(1);
            assertThat(names(ref.project(), null, 20)).containsExactly("other");
        }

        private List<String> names(String project, String marker, int limit) {
            return await(storage.queues().list(project, marker, limit, false)).queues().stream()
                    .map(QueuePage.Entry::name).toList();
        }
    }

    // ---------------------------------------------------------------- stats

    @Nested
    class Stats {

        @Test
        void statsOfAMissingQueueAreEmpty() {
            assertThat(await(storage.queues().stats(newQueue()))).isEqualTo(QueueStats.EMPTY);
        }

        @Test
        void statsCountClaimedAndFreeMessagesWithDelayedOnesFree() {
            QueueRef ref = newQueue();
            post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            postOne(ref, TTL, 60);
            claim(ref, 300, 60, 2);

            QueueStats stats = await(storage.queues().stats(ref));
            assertThat(stats.claimed()).isEqualTo(2);
            assertThat(stats.free()).isEqualTo(2);
            assertThat(stats.total()).isEqualTo(4);
        }

        @Test
        void statsNameTheOldestAndNewestMessagesByPosition() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            QueueStats stats = await(storage.queues().stats(ref));
            assertThat(stats.oldest().id()).isEqualTo(ids.get(0));
            assertThat(stats.newest().id()).isEqualTo(ids.get(2));

            await(storage.messages().delete(ref, List.of(ids.get(0), ids.get(2))));
            stats = await(storage.queues().stats(ref));
            assertThat(stats.oldest().id()).isEqualTo(ids.get(1));
            assertThat(stats.newest().id()).isEqualTo(ids.get(1));
        }

        @Test
        void statsIgnoreExpiredMessages() {
            QueueRef ref = newQueue();
            postOne(ref, 60, 0);
            String survivor = postOne(ref, 120, 0);
            postOne(ref, 60, 0);
            advanceSeconds(60);

            QueueStats stats = await(storage.queues().stats(ref));
            assertThat(stats.total()).isEqualTo(1);
            assertThat(stats.oldest().id()).isEqualTo(survivor);
            assertThat(stats.newest().id()).isEqualTo(survivor);

            advanceSeconds(60);
            assertThat(await(storage.queues().stats(ref))).isEqualTo(QueueStats.EMPTY);
        }

        @Test
        void statsCountMessagesOfAnExpiredClaimAsFree() {
            QueueRef ref = newQueue();
            post(ref, "{\"n\":1}", "{\"n\":2}");
            claim(ref, 60, 60, 10);
            advanceSeconds(60);

            QueueStats stats = await(storage.queues().stats(ref));
            assertThat(stats.claimed()).isZero();
            assertThat(stats.free()).isEqualTo(2);
        }
    }

    // ---------------------------------------------------------------- messages

    @Nested
    class Messages {

        @Test
        void postAssignsConsecutivePositionsFromOneInPostingOrder() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            List<Message> listed = listAll(ref);
            assertThat(listed).extracting(Message::id).containsExactlyElementsOf(ids);
            assertThat(listed).extracting(Message::position).containsExactly(1L, 2L, 3L);
        }

        @Test
        void laterBatchesGetLaterPositions() {
            QueueRef ref = newQueue();
            List<String> first = post(ref, "{\"n\":1}", "{\"n\":2}");
            List<String> second = post(ref, "{\"n\":3}");
            assertThat(listAll(ref)).extracting(Message::id)
                    .containsExactly(first.get(0), first.get(1), second.get(0));
        }

        @Test
        void postStoresTheMessageAsGiven() {
            QueueRef ref = newQueue();
            String body = "{\"event\":\"caf\u00e9\",\"list\":[1,2,{\"x\":null}],\"ok\":true}";
            String id = await(storage.messages().post(ref, List.of(NewMessage.of(body, 300, 0)), PRODUCER)).get(0);

            Message message = find(ref, id).orElseThrow();
            assertThat(message.id()).isEqualTo(id);
            assertThat(message.body()).isEqualTo(body);
            assertThat(message.ttl()).isEqualTo(300);
            assertThat(message.createdMillis()).isEqualTo(clock.millis());
            assertThat(message.expiresMillis()).isEqualTo(clock.millis() + 300_000);
            assertThat(message.isDelayed(clock.millis())).isFalse();
            assertThat(message.clientId()).isEqualTo(PRODUCER);
            assertThat(message.isClaimed(clock.millis())).isFalse();
            assertThat(message.claimCount()).isZero();
            assertThat(message.age(clock.millis())).isZero();
        }

        @Test
        void bodiesOfEveryJsonKindRoundTrip() {
            QueueRef ref = newQueue();
            List<String> bodies = List.of("\"str\"", "null", "[1,2]", "5", "{\"a\":{\"b\":[]}}");
            List<String> ids = post(ref, bodies.toArray(String[]::new));
            assertThat(await(storage.messages().get(ref, ids))).extracting(Message::body)
                    .containsExactlyElementsOf(bodies);
        }

        @Test
        void ageCountsWholeSecondsSincePosting() {
            QueueRef ref = newQueue();
            String id = post(ref, "{}").get(0);
            advanceSeconds(90);
            assertThat(find(ref, id).orElseThrow().age(clock.millis())).isEqualTo(90);
        }

        @Test
        void idsAreUniqueAcrossQueuesAndProjects() {
            Set<String> ids = new HashSet<>();
            for (QueueRef ref : List.of(newQueue(), newQueue(), newQueue())) {
                ids.addAll(post(ref, bodies(50)));
            }
            assertThat(ids).hasSize(150);
        }

        @Test
        void messageExpiresExactlyWhenItsTtlRunsOut() {
            QueueRef ref = newQueue();
            String id = postOne(ref, 60, 0);
            advanceSeconds(59);
            assertThat(find(ref, id)).isPresent();
            assertThat(listAll(ref)).extracting(Message::id).containsExactly(id);

            advanceSeconds(1);
            assertThat(find(ref, id)).isEmpty();
            assertThat(await(storage.messages().get(ref, List.of(id)))).isEmpty();
            assertThat(listAll(ref)).isEmpty();
            assertThat(await(storage.queues().stats(ref))).isEqualTo(QueueStats.EMPTY);
            assertThat(claim(ref, 300, 60, 10).messages()).isEmpty();
            assertThat(await(storage.messages().pop(ref, 10))).isEmpty();
        }

        @Test
        void expiredMessagesAmongLiveOnesAreNeverListedClaimedOrPopped() {
            QueueRef ref = newQueue();
            String a = postOne(ref, TTL, 0);
            postOne(ref, 60, 0);
            String c = postOne(ref, TTL, 0);
            postOne(ref, 60, 0);
            String e = postOne(ref, TTL, 0);
            advanceSeconds(60);

            assertThat(listAll(ref)).extracting(Message::id).containsExactly(a, c, e);
            assertThat(claim(ref, 300, 60, 2).messages()).extracting(Message::id).containsExactly(a, c);
            assertThat(await(storage.messages().pop(ref, 10))).extracting(Message::id).containsExactly(e);
        }

        @Test
        void listPagesInPositionOrderWithMarkers() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, bodies(7));

            MessagePage first = await(storage.messages().list(ref, everything(MessageQuery.FROM_HEAD, 3)));
            MessagePage second = await(storage.messages().list(ref, everything(first.nextMarker(), 3)));
            MessagePage third = await(storage.messages().list(ref, everything(second.nextMarker(), 3)));
            MessagePage end = await(storage.messages().list(ref, everything(third.nextMarker(), 3)));

            assertThat(first.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 3));
            assertThat(first.nextMarker()).isEqualTo(first.messages().get(2).position());
            assertThat(second.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(3, 6));
            assertThat(third.messages()).extracting(Message::id).containsExactly(ids.get(6));
            assertThat(end.isEmpty()).isTrue();
        }

        @Test
        void listOfAMissingQueueIsEmpty() {
            assertThat(await(storage.messages().list(newQueue(), everything(MessageQuery.FROM_HEAD, 10))).isEmpty())
                    .isTrue();
        }

        @Test
        void markerStaysValidAfterTheMarkedMessageIsDeleted() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
            MessagePage first = await(storage.messages().list(ref, everything(MessageQuery.FROM_HEAD, 2)));
            await(storage.messages().delete(ref, ids.subList(0, 2)));

            MessagePage next = await(storage.messages().list(ref, everything(first.nextMarker(), 2)));
            assertThat(next.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(2, 4));
        }

        @Test
        void markerStaysValidAfterTheMarkedMessageExpires() {
            QueueRef ref = newQueue();
            postOne(ref, 60, 0);
            postOne(ref, 60, 0);
            String third = postOne(ref, TTL, 0);
            String fourth = postOne(ref, TTL, 0);
            MessagePage first = await(storage.messages().list(ref, everything(MessageQuery.FROM_HEAD, 2)));
            advanceSeconds(60);

            MessagePage next = await(storage.messages().list(ref, everything(first.nextMarker(), 2)));
            assertThat(next.messages()).extracting(Message::id).containsExactly(third, fourth);
        }

        @Test
        void listHidesTheCallersOwnMessagesUnlessEchoIsOn() {
            QueueRef ref = newQueue();
            String own = post(ref, "{\"mine\":1}").get(0);
            String other = await(storage.messages().post(ref, List.of(NewMessage.of("{}", TTL, 0)), CONSUMER)).get(0);

            MessageQuery noEcho = new MessageQuery(MessageQuery.FROM_HEAD, 10, PRODUCER, false, false, false);
            MessageQuery echo = new MessageQuery(MessageQuery.FROM_HEAD, 10, PRODUCER, true, false, false);
            assertThat(listIds(ref, noEcho)).containsExactly(other);
            assertThat(listIds(ref, echo)).containsExactly(own, other);
        }

        @Test
        void listHidesClaimedMessagesUnlessAskedFor() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            claim(ref, 300, 60, 2);

            MessageQuery unclaimed = new MessageQuery(MessageQuery.FROM_HEAD, 10, CONSUMER, true, false, false);
            MessageQuery claimedToo = new MessageQuery(MessageQuery.FROM_HEAD, 10, CONSUMER, true, true, false);
            assertThat(listIds(ref, unclaimed)).containsExactly(ids.get(2));
            assertThat(listIds(ref, claimedToo)).containsExactlyElementsOf(ids);
        }

        @Test
        void listHidesDelayedMessagesUntilTheirDelayEndsUnlessAskedFor() {
            QueueRef ref = newQueue();
            String now = postOne(ref, TTL, 0);
            String later = postOne(ref, TTL, 60);

            MessageQuery undelayed = new MessageQuery(MessageQuery.FROM_HEAD, 10, CONSUMER, true, false, false);
            MessageQuery delayedToo = new MessageQuery(MessageQuery.FROM_HEAD, 10, CONSUMER, true, false, true);
            assertThat(listIds(ref, undelayed)).containsExactly(now);
            assertThat(listIds(ref, delayedToo)).containsExactly(now, later);

            advanceSeconds(59);
            assertThat(listIds(ref, undelayed)).containsExactly(now);
            advanceSeconds(1);
            assertThat(listIds(ref, undelayed)).containsExactly(now, later);
        }

        @Test
        void pagingPastFilteredMessagesEndsWithAnEmptyPageAndRepeatsNothing() {
            QueueRef ref = newQueue();
            List<String> theirs = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                String client = i % 3 == 1 ? CONSUMER : PRODUCER;
                String id = await(storage.messages().post(ref, List.of(NewMessage.of("{}", TTL, 0)), client)).get(0);
                if (client.equals(CONSUMER)) {
                    theirs.add(id);
                }
            }
            MessageQuery noEcho = new MessageQuery(MessageQuery.FROM_HEAD, 1, PRODUCER, false, false, false);
            assertThat(drain(ref, noEcho)).extracting(Message::id).containsExactlyElementsOf(theirs);
        }

        @Test
        void getByIdsReturnsTheFoundMessagesInPositionOrder() {
            QueueRef ref = newQueue();
            String a = postOne(ref, TTL, 0);
            String b = postOne(ref, 60, 0);
            String c = postOne(ref, TTL, 0);
            advanceSeconds(60);

            List<Message> found = await(storage.messages().get(ref, List.of(c, UUID.randomUUID().toString(), b, a)));
            assertThat(found).extracting(Message::id).containsExactly(a, c);
        }

        @Test
        void getOfAnUnknownIdOrMissingQueueIsEmpty() {
            QueueRef ref = newQueue();
            post(ref, "{}");
            assertThat(find(ref, UUID.randomUUID().toString())).isEmpty();
            assertThat(find(ref, "not-an-id")).isEmpty();
            assertThat(find(newQueue(), UUID.randomUUID().toString())).isEmpty();
        }

        @Test
        void bulkDeleteRemovesClaimedMessagesTooAndIgnoresUnknownIds() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            claim(ref, 300, 60, 1);

            await(storage.messages().delete(ref, List.of(ids.get(0), ids.get(1), UUID.randomUUID().toString())));
            assertThat(listAll(ref)).extracting(Message::id).containsExactly(ids.get(2));
            await(storage.messages().delete(newQueue(), List.of(ids.get(2))));
        }

        @Test
        void popRemovesTheOldestAvailableMessagesFirst() {
            QueueRef ref = newQueue();
            String claimed = postOne(ref, TTL, 0);
            String delayed = postOne(ref, TTL, 60);
            String c = postOne(ref, TTL, 0);
            String d = postOne(ref, TTL, 0);
            String e = postOne(ref, TTL, 0);
            claim(ref, 300, 60, 1);

            assertThat(await(storage.messages().pop(ref, 2))).extracting(Message::id).containsExactly(c, d);
            assertThat(find(ref, c)).isEmpty();
            advanceSeconds(60);
            assertThat(await(storage.messages().pop(ref, 10))).extracting(Message::id).containsExactly(delayed, e);
            assertThat(listAll(ref)).extracting(Message::id).containsExactly(claimed);
        }

        @Test
        void popOfAMissingQueueIsEmpty() {
            assertThat(await(storage.messages().pop(newQueue(), 5))).isEmpty();
        }

        @Test
        void purgeRemovesMessagesAndClaimsButKeepsTheQueueAndItsPositions() {
            QueueRef ref = newQueue();
            await(storage.queues().create(ref, metadata("color", "red")));
            post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            Claim claim = claim(ref, 300, 60, 1);

            await(storage.messages().purge(ref));

            assertThat(listAll(ref)).isEmpty();
            assertThatThrownBy(() -> await(storage.claims().get(ref, claim.id())))
                    .isInstanceOf(ClaimNotFoundException.class);
            assertThat(await(storage.queues().metadata(ref))).contains(metadata("color", "red"));
            post(ref, "{\"n\":4}");
            assertThat(listAll(ref)).extracting(Message::position).allMatch(position -> position > 3);
        }
    }

    // ---------------------------------------------------------------- id scoping

    @Nested
    class ScopedIds {

        @Test
        void messageIdIsUnknownUnderAnotherQueue() {
            QueueRef home = newQueue();
            assertMessageIdIsUnknownUnder(home, QueueRef.of(home.project(), home.queue() + "-other"));
        }

        @Test
        void messageIdIsUnknownUnderTheSameQueueNameInAnotherProject() {
            QueueRef home = newQueue();
            assertMessageIdIsUnknownUnder(home, QueueRef.of(newProject(), home.queue()));
        }

        @Test
        void claimIdIsUnknownUnderAnotherQueue() {
            QueueRef home = newQueue();
            assertClaimIdIsUnknownUnder(home, QueueRef.of(home.project(), home.queue() + "-other"));
        }

        @Test
        void claimIdIsUnknownUnderTheSameQueueNameInAnotherProject() {
            QueueRef home = newQueue();
            assertClaimIdIsUnknownUnder(home, QueueRef.of(newProject(), home.queue()));
        }

        @Test
        void claimIdOfAnotherQueueCannotDeleteAClaimedMessage() {
            QueueRef home = newQueue();
            QueueRef other = QueueRef.of(home.project(), home.queue() + "-other");
            String id = post(home, "{}").get(0);
            claim(home, 300, 60, 1);
            post(other, "{}");
            Claim foreign = claim(other, 300, 60, 1);

            assertThatThrownBy(() -> await(storage.messages().delete(home, id, foreign.id())))
                    .isInstanceOf(InvalidClaimException.class);
            assertThat(find(home, id)).isPresent();
        }

        private void assertMessageIdIsUnknownUnder(QueueRef home, QueueRef stranger) {
            String id = post(home, "{\"home\":true}").get(0);
            post(stranger, "{\"stranger\":true}");

            assertThat(find(stranger, id)).isEmpty();
            assertThat(await(storage.messages().get(stranger, List.of(id)))).isEmpty();
            await(storage.messages().delete(stranger, id, null));
            await(storage.messages().delete(stranger, List.of(id)));
            assertThat(find(home, id)).isPresent();
        }

        private void assertClaimIdIsUnknownUnder(QueueRef home, QueueRef stranger) {
            post(home, "{}");
            Claim claim = claim(home, 300, 60, 1);
            post(stranger, "{}");
            claim(stranger, 300, 60, 1);

            assertThatThrownBy(() -> await(storage.claims().get(stranger, claim.id())))
                    .isInstanceOf(ClaimNotFoundException.class);
            assertThatThrownBy(() -> await(storage.claims().update(stranger, claim.id(), 300, 60)))
                    .isInstanceOf(ClaimNotFoundException.class);
            await(storage.claims().release(stranger, claim.id()));
            assertThat(await(storage.claims().get(home, claim.id())).messages()).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- claims

    @Nested
    class Claims {

        @Test
        void claimTakesTheOldestAvailableMessagesUpToTheLimit() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
            assertThat(claim(ref, 300, 60, 3).messages()).extracting(Message::id)
                    .containsExactlyElementsOf(ids.subList(0, 3));
            assertThat(claim(ref, 300, 60, 3).messages()).extracting(Message::id)
                    .containsExactlyElementsOf(ids.subList(3, 5));
            assertThat(claim(ref, 300, 60, 3).messages()).isEmpty();
        }

        @Test
        void claimOfAMissingOrEmptyQueueTakesNothing() {
            assertThat(claim(newQueue(), 300, 60, 10).messages()).isEmpty();
            QueueRef empty = newQueue();
            await(storage.queues().create(empty, metadata("a", "1")));
            assertThat(claim(empty, 300, 60, 10).messages()).isEmpty();
        }

        @Test
        void claimedMessagesCarryTheClaimAndItsExpiry() {
            QueueRef ref = newQueue();
            String id = post(ref, "{}").get(0);
            Claim claim = claim(ref, 300, 60, 1);

            assertThat(claim.expiresMillis()).isEqualTo(clock.millis() + 300_000);
            Message message = find(ref, id).orElseThrow();
            assertThat(message.claimId()).isEqualTo(claim.id());
            assertThat(message.claimExpiresMillis()).isEqualTo(claim.expiresMillis());
            assertThat(message.isClaimedBy(claim.id(), clock.millis())).isTrue();
        }

        @Test
        void claimNeverTakesMessagesOfAnotherActiveClaim() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"a\":1}", "{\"b\":2}");
            Claim first = claim(ref, 300, 60, 1);
            Claim second = claim(ref, 300, 60, 1);
            await(storage.claims().release(ref, first.id()));

            assertThat(claim(ref, 300, 60, 2).messages()).extracting(Message::id).containsExactly(ids.get(0));
            assertThat(await(storage.claims().get(ref, second.id())).messages()).extracting(Message::id)
                    .containsExactly(ids.get(1));
        }

        @Test
        void claimSkipsDelayedMessagesUntilTheirDelayEnds() {
            QueueRef ref = newQueue();
            String delayed = postOne(ref, TTL, 60);
            String ready = postOne(ref, TTL, 0);
            assertThat(claim(ref, 300, 60, 10).messages()).extracting(Message::id).containsExactly(ready);
            advanceSeconds(60);
            assertThat(claim(ref, 300, 60, 10).messages()).extracting(Message::id).containsExactly(delayed);
        }

        @Test
        void getReturnsTheActiveClaimWithItsMessages() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            Claim created = claim(ref, 300, 45, 2);
            advanceSeconds(10);

            Claim claim = await(storage.claims().get(ref, created.id()));
            assertThat(claim.id()).isEqualTo(created.id());
            assertThat(claim.ttl()).isEqualTo(300);
            assertThat(claim.grace()).isEqualTo(45);
            assertThat(claim.age(clock.millis())).isEqualTo(10);
            assertThat(claim.expiresMillis()).isEqualTo(created.expiresMillis());
            assertThat(claim.messages()).extracting(Message::id).containsExactlyElementsOf(ids.subList(0, 2));
        }

        @Test
        void claimAgeCountsFromTheLastRenewal() {
            QueueRef ref = newQueue();
            post(ref, "{}");
            Claim claim = claim(ref, 300, 60, 1);
            advanceSeconds(30);
            await(storage.claims().update(ref, claim.id(), 200, 60));
            advanceSeconds(5);
            assertThat(await(storage.claims().get(ref, claim.id())).age(clock.millis())).isEqualTo(5);
        }

        @Test
        void claimListsOnlyTheMessagesStillInIt() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
            Claim claim = claim(ref, 300, 60, 3);
            await(storage.messages().delete(ref, ids.get(1), claim.id()));
            assertThat(await(storage.claims().get(ref, claim.id())).messages()).extracting(Message::id)
                    .containsExactly(ids.get(0), ids.get(2));
        }

        @Test
        void graceKeepsAShortLivedMessageAliveUntilGraceAfterTheClaimEnds() {
            QueueRef ref = newQueue();
            String id = postOne(ref, 60, 0);
            Claim claim = claim(ref, 120, 30, 1);

            Message message = find(ref, id).orElseThrow();
            assertThat(message.ttl()).isEqualTo(150);
            assertThat(message.expiresMillis()).isEqualTo(claim.expiresMillis() + 30_000);

            advanceSeconds(120);
            assertThat(listIds(ref, everything(MessageQuery.FROM_HEAD, 10))).containsExactly(id);
            advanceSeconds(29);
            assertThat(find(ref, id)).isPresent();
            advanceSeconds(1);
            assertThat(find(ref, id)).isEmpty();
        }

        @Test
        void graceExtendsAMessageThatWouldDieWithinGraceOfTheClaimEnd() {
            QueueRef ref = newQueue();
            String id = postOne(ref, 100, 0);
            Claim claim = claim(ref, 60, 60, 1);

            Message message = find(ref, id).orElseThrow();
            assertThat(message.ttl()).isEqualTo(120);
            assertThat(message.expiresMillis()).isEqualTo(claim.expiresMillis() + 60_000);
        }

        @Test
        void graceNeverShortensALongerLife() {
            QueueRef ref = newQueue();
            String id = postOne(ref, TTL, 0);
            long expires = find(ref, id).orElseThrow().expiresMillis();
            claim(ref, 60, 60, 1);

            Message message = find(ref, id).orElseThrow();
            assertThat(message.ttl()).isEqualTo(TTL);
            assertThat(message.expiresMillis()).isEqualTo(expires);
        }

        @Test
        void updateRenewsTheClaimAndItsMessagesWithGrace() {
            QueueRef ref = newQueue();
            String id = postOne(ref, 60, 0);
            Claim claim = claim(ref, 60, 0, 1);
            advanceSeconds(30);

            await(storage.claims().update(ref, claim.id(), 100, 20));

            Claim renewed = await(storage.claims().get(ref, claim.id()));
            assertThat(renewed.ttl()).isEqualTo(100);
            assertThat(renewed.grace()).isEqualTo(20);
            assertThat(renewed.expiresMillis()).isEqualTo(clock.millis() + 100_000);
            Message message = find(ref, id).orElseThrow();
            assertThat(message.claimExpiresMillis()).isEqualTo(renewed.expiresMillis());
            assertThat(message.ttl()).isEqualTo(120);
            assertThat(message.expiresMillis()).isEqualTo(renewed.expiresMillis() + 20_000);

            advanceSeconds(99);
            assertThat(find(ref, id).orElseThrow().isClaimed(clock.millis())).isTrue();
            advanceSeconds(1);
            assertThat(find(ref, id).orElseThrow().isClaimed(clock.millis())).isFalse();
        }

        @ParameterizedTest(name = "{0} claim")
        @ValueSource(strings = {"unknown", "released", "expired"})
        void getAndUpdateAnswerNotFoundForClaimsThatAreNotActive(String kind) {
            QueueRef ref = newQueue();
            post(ref, "{}");
            Claim claim = claim(ref, 60, 60, 1);
            String claimId = switch (kind) {
                case "unknown" -> UUID.randomUUID().toString();
                case "released" -> {
                    await(storage.claims().release(ref, claim.id()));
                    yield claim.id();
                }
                default -> {
                    advanceSeconds(60);
                    yield claim.id();
                }
            };

            assertThatThrownBy(() -> await(storage.claims().get(ref, claimId)))
                    .isInstanceOf(ClaimNotFoundException.class);
            assertThatThrownBy(() -> await(storage.claims().update(ref, claimId, 300, 60)))
                    .isInstanceOf(ClaimNotFoundException.class);
            await(storage.claims().release(ref, claimId));
        }

        @Test
        void claimsOfAMissingQueueAreNotFound() {
            QueueRef ref = newQueue();
            String claimId = UUID.randomUUID().toString();
            assertThatThrownBy(() -> await(storage.claims().get(ref, claimId)))
                    .isInstanceOf(ClaimNotFoundException.class);
            assertThatThrownBy(() -> await(storage.claims().update(ref, claimId, 300, 60)))
                    .isInstanceOf(ClaimNotFoundException.class);
            await(storage.claims().release(ref, claimId));
        }

        @Test
        void expiredClaimReleasesMessages() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}");
            claim(ref, 60, 60, 10);
            advanceSeconds(59);
            assertThat(claim(ref, 300, 60, 10).messages()).isEmpty();
            advanceSeconds(1);

            MessageQuery unclaimed = new MessageQuery(MessageQuery.FROM_HEAD, 10, CONSUMER, true, false, false);
            assertThat(listIds(ref, unclaimed)).containsExactlyElementsOf(ids);
            assertThat(claim(ref, 300, 60, 10).messages()).extracting(Message::id).containsExactlyElementsOf(ids);
        }

        @Test
        void releaseMakesMessagesAvailableAtOnce() {
            QueueRef ref = newQueue();
            List<String> ids = post(ref, "{\"n\":1}", "{\"n\":2}");
            Claim claim = claim(ref, 300, 60, 10);

            await(storage.claims().release(ref, claim.id()));

            assertThat(find(ref, ids.get(0)).orElseThrow().isClaimed(clock.millis())).isFalse();
            assertThat(await(storage.queues().stats(ref)).free()).isEqualTo(2);
            assertThat(claim(ref, 300, 60, 10).messages()).extracting(Message::id).containsExactlyElementsOf(ids);
        }

        @Test
        void releaseOfAnUnknownClaimCompletesNormallyAndTouchesNothing() {
            QueueRef ref = newQueue();
            post(ref, "{}");
            Claim claim = claim(ref, 300, 60, 1);
            await(storage.claims().release(ref, UUID.randomUUID().toString()));
            await(storage.claims().release(ref, "not-a-claim-id"));
            await(storage.claims().release(newQueue(), claim.id()));
            assertThat(await(storage.claims().get(ref, claim.id())).messages()).hasSize(1);
        }

        @Test
        void releasingTwiceCompletesNormally() {
            QueueRef ref = newQueue();
            post(ref, "{}");
            Claim claim = claim(ref, 300, 60, 1);
            await(storage.claims().release(ref, claim.id()));
            await(storage.claims().release(ref, claim.id()));
            assertThat(await(storage.queues().stats(ref)).free()).isEqualTo(1);
        }

        @Test
        void claimCountIsNotKeptWithoutADeadLetterQueue() {
            QueueRef ref = newQueue();
            String id = post(ref, "{}").get(0);
            await(storage.claims().release(ref, claim(ref, 300, 60, 1).id()));
            claim(ref, 300, 60, 1);
            assertThat(find(ref, id).orElseThrow().claimCount()).isZero();
        }
    }

    // ---------------------------------------------------------------- dead letters

    @Nested
    class DeadLetters {

        @Test
        void everyClaimCountsWhenADeadLetterQueueIsSet() {
            QueueRef ref = newQueue();
            String id = post(ref, "{}").get(0);
            ClaimSpec spec = deadLetterSpec(ref.queue() + "-dlq", 5, 0);
            await(storage.claims().release(ref, await(storage.claims().create(ref, spec)).id()));
            assertThat(find(ref, id).orElseThrow().claimCount()).isEqualTo(1);
            await(storage.claims().create(ref, spec));
            assertThat(find(ref, id).orElseThrow().claimCount()).isEqualTo(2);
        }

        @Test
        void messageClaimedMaxTimesMovesToTheTailOfTheDeadLetterQueue() {
            QueueRef ref = newQueue();
            QueueRef dlq = QueueRef.of(ref.project(), ref.queue() + "-dlq");
            String waiting = post(dlq, "{\"already\":\"dead\"}").get(0);
            String poison = post(ref, "{\"poison\":true}").get(0);
            ClaimSpec spec = deadLetterSpec(dlq.queue(), 2, 600);
            for (int i = 0; i < 2; i++) {
                Claim claim = await(storage.claims().create(ref, spec));
                assertThat(claim.messages()).extracting(Message::id).containsExactly(poison);
                await(storage.claims().release(ref, claim.id()));
            }
            String healthy = post(ref, "{\"healthy\":true}").get(0);

            Claim third = await(storage.claims().create(ref, spec));

            assertThat(third.messages()).extracting(Message::id).containsExactly(healthy);
            assertThat(find(ref, poison)).isEmpty();
            List<Message> dead = listAll(dlq);
            assertThat(dead).extracting(Message::id).containsExactly(waiting, poison);
            Message moved = dead.get(1);
            assertThat(moved.position()).isGreaterThan(dead.get(0).position());
            assertThat(moved.body()).isEqualTo("{\"poison\":true}");
            assertThat(moved.isClaimed(clock.millis())).isFalse();
            assertThat(moved.claimCount()).isEqualTo(2);
            assertThat(moved.ttl()).isEqualTo(600);
            assertThat(moved.expiresMillis()).isEqualTo(clock.millis() + 600_000);
        }

        @Test
        void deadLetterKeepsTheMessageTtlWhenNoneIsSet() {
            QueueRef ref = newQueue();
            String id = post(ref, "{}").get(0);
            long expires = find(ref, id).orElseThrow().expiresMillis();
            ClaimSpec spec = deadLetterSpec(ref.queue() + "-dlq", 1, 0);
            await(storage.claims().release(ref, await(storage.claims().create(ref, spec)).id()));

            assertThat(await(storage.claims().create(ref, spec)).messages()).isEmpty();

            Message moved = find(QueueRef.of(ref.project(), ref.queue() + "-dlq"), id).orElseThrow();
            assertThat(moved.ttl()).isEqualTo(TTL);
            assertThat(moved.expiresMillis()).isEqualTo(expires);
        }

        @Test
        void deadLetterQueueStaysInTheSameProject() {
            QueueRef ref = newQueue();
            String id = post(ref, "{}").get(0);
            ClaimSpec spec = deadLetterSpec("dead", 0, 0);
            await(storage.claims().create(ref, spec));

            assertThat(find(QueueRef.of(ref.project(), "dead"), id)).isPresent();
            assertThat(find(QueueRef.of(newProject(), "dead"), id)).isEmpty();
        }

        private ClaimSpec deadLetterSpec(String queue, int maxClaimCount, int ttl) {
            return new ClaimSpec(300, 60, 10, new ClaimSpec.DeadLetter(queue, maxClaimCount, ttl));
        }
    }

    // ---------------------------------------------------------------- deleting one message

    @Nested
    class DeletingOneMessage {

        /**
         * SPEC §4.4. The queue holds N then M; "other" claims take N, the message's own claim takes M.
         * Columns: the claim id given, the state of M, and the outcome.
         */
        @ParameterizedTest(name = "claim id {0}, message {1} -> {2}")
        @CsvSource({
                "none,           unclaimed,     deleted",
                "none,           claim-expired, deleted",
                "none,           released,      deleted",
                "none,           claimed,       MessageClaimedException",
                "own,            claimed,       deleted",
                "own,            claim-expired, MessageNotClaimedException",
                "own,            released,      MessageNotClaimedException",
                "unknown,        unclaimed,     MessageNotClaimedException",
                "other-active,   unclaimed,     MessageNotClaimedException",
                "unknown,        claimed,       InvalidClaimException",
                "malformed,      claimed,       InvalidClaimException",
                "other-expired,  claimed,       InvalidClaimException",
                "other-released, claimed,       InvalidClaimException",
                "other-active,   claimed,       MessageClaimedException",
        })
        void deleteFollowsZaqarClaimRules(String given, String state, String outcome) throws Exception {
            QueueRef ref = newQueue();
            post(ref, "{\"n\":\"N\"}");
            String target = post(ref, "{\"m\":\"M\"}").get(0);
            Claim other = otherClaim(ref, given);
            Claim own = ownClaim(ref, state);
            String claimId = switch (given) {
                case "none" -> null;
                case "own" -> own.id();
                case "unknown" -> UUID.randomUUID().toString();
                case "malformed" -> "not-a-claim-id";
                default -> other.id();
            };

            if (outcome.equals("deleted")) {
                await(storage.messages().delete(ref, target, claimId));
                assertThat(find(ref, target)).isEmpty();
            } else {
                Class<?> expected = Class.forName(StorageException.class.getPackageName() + "." + outcome);
                assertThatThrownBy(() -> await(storage.messages().delete(ref, target, claimId)))
                        .isInstanceOf(expected);
                assertThat(find(ref, target)).isPresent();
            }
        }

        @Test
        void deletingAMissingMessageOrQueueCompletesNormally() {
            QueueRef ref = newQueue();
            post(ref, "{}");
            await(storage.messages().delete(ref, UUID.randomUUID().toString(), null));
            await(storage.messages().delete(ref, UUID.randomUUID().toString(), UUID.randomUUID().toString()));
            await(storage.messages().delete(newQueue(), UUID.randomUUID().toString(), null));
            assertThat(listAll(ref)).hasSize(1);
        }

        @Test
        void deletingAnExpiredMessageCompletesNormallyEvenWithAClaimId() {
            QueueRef ref = newQueue();
            String id = postOne(ref, 60, 0);
            Claim claim = claim(ref, 60, 0, 1);
            advanceSeconds(60);
            await(storage.messages().delete(ref, id, claim.id()));
            assertThat(find(ref, id)).isEmpty();
        }

        private Claim otherClaim(QueueRef ref, String given) {
            switch (given) {
                case "other-active":
                    return claim(ref, 300, 60, 1);
                case "other-expired": {
                    Claim claim = claim(ref, 60, 0, 1);
                    advanceSeconds(61);
                    return claim;
                }
                case "other-released": {
                    Claim claim = claim(ref, 300, 60, 1);
                    await(storage.claims().release(ref, claim.id()));
                    return claim;
                }
                default:
                    return null;
            }
        }

        private Claim ownClaim(QueueRef ref, String state) {
            switch (state) {
                case "claimed":
                    return claim(ref, 300, 60, 2);
                case "claim-expired": {
                    Claim claim = claim(ref, 60, 60, 2);
                    advanceSeconds(61);
                    return claim;
                }
                case "released": {
                    Claim claim = claim(ref, 300, 60, 2);
                    await(storage.claims().release(ref, claim.id()));
                    return claim;
                }
                default:
                    return null;
            }
        }
    }

    // ---------------------------------------------------------------- concurrency

    @Nested
    class Concurrency {

        private static final int THREADS = 8;

        @Test
        void observerPagingWithMarkersWhileManyProducersPostSeesEveryBatchOnceInOrder() throws Exception {
            QueueRef ref = newQueue();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<List<String>>>> producers = new ArrayList<>();
                for (int p = 0; p < THREADS; p++) {
                    int producer = p;
                    producers.add(pool.submit(() -> produce(ref, producer, start)));
                }
                AtomicBoolean done = new AtomicBoolean();
                Future<List<Message>> observer = pool.submit(() -> observe(ref, done));
                start.countDown();
                List<List<String>> batches = new ArrayList<>();
                for (Future<List<List<String>>> producer : producers) {
                    batches.addAll(producer.get(WAIT_SECONDS, TimeUnit.SECONDS));
                }
                done.set(true);

                assertObservedEveryBatchOnceInOrder(observer.get(WAIT_SECONDS, TimeUnit.SECONDS), batches);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void concurrentClaimersTakeEveryMessageExactlyOnce() throws Exception {
            QueueRef ref = newQueue();
            Set<String> posted = new HashSet<>();
            for (int batch = 0; batch < 20; batch++) {
                posted.addAll(post(ref, bodies(50)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<String> claimed = new ArrayList<>();
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<String>>> claimers = new ArrayList<>();
                for (int c = 0; c < THREADS; c++) {
                    claimers.add(pool.submit(() -> claimUntilEmpty(ref, start)));
                }
                start.countDown();
                for (Future<List<String>> claimer : claimers) {
                    claimed.addAll(claimer.get(WAIT_SECONDS, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
            claimed.addAll(claimUntilEmpty(ref, new CountDownLatch(0)));

            assertThat(claimed).hasSize(1000).doesNotHaveDuplicates();
            assertThat(new HashSet<>(claimed)).isEqualTo(posted);
            assertThat(await(storage.queues().stats(ref)).claimed()).isEqualTo(1000);
        }

        private List<List<String>> produce(QueueRef ref, int producer, CountDownLatch start)
                throws InterruptedException {
            start.await();
            List<List<String>> batches = new ArrayList<>();
            for (int b = 0; b < 40; b++) {
                int size = 1 + (b + producer) % 5;
                String body = "{\"p\":" + producer + ",\"b\":" + b + "}";
                List<NewMessage> batch = IntStream.range(0, size).mapToObj(i -> NewMessage.of(body, TTL, 0))
                        .toList();
                batches.add(await(storage.messages().post(ref, batch, PRODUCER)));
            }
            return batches;
        }

        private List<Message> observe(QueueRef ref, AtomicBoolean done) {
            List<Message> seen = new ArrayList<>();
            long marker = MessageQuery.FROM_HEAD;
            while (true) {
                boolean finished = done.get();
                MessagePage page = await(storage.messages().list(ref, everything(marker, 20)));
                seen.addAll(page.messages());
                if (!page.isEmpty()) {
                    marker = page.nextMarker();
                } else if (finished) {
                    return seen;
                } else {
                    LockSupport.parkNanos(100_000);
                }
            }
        }

        private void assertObservedEveryBatchOnceInOrder(List<Message> seen, List<List<String>> batches) {
            assertThat(seen).extracting(Message::position).isSorted().doesNotHaveDuplicates();
            List<String> seenIds = seen.stream().map(Message::id).toList();
            assertThat(seenIds).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(batches.stream().flatMap(List::stream).toList());
            for (List<String> batch : batches) {
                int first = seenIds.indexOf(batch.get(0));
                assertThat(seenIds.subList(first, first + batch.size())).containsExactlyElementsOf(batch);
                assertThat(seen.get(first + batch.size() - 1).position() - seen.get(first).position())
                        .isEqualTo(batch.size() - 1);
            }
        }

        private List<String> claimUntilEmpty(QueueRef ref, CountDownLatch start) throws InterruptedException {
            start.await();
            List<String> mine = new ArrayList<>();
            for (int claims = 0; claims <= 1000; claims++) {
                Claim claim = await(storage.claims().create(ref, ClaimSpec.of(300, 60, 7)));
                if (claim.messages().isEmpty()) {
                    return mine;
                }
                claim.messages().forEach(message -> mine.add(message.id()));
            }
            throw new AssertionError("1000 claims and still not empty: messages are claimed more than once");
        }
    }

    // ---------------------------------------------------------------- helpers

    protected final void advanceSeconds(long seconds) {
        advance(clock, Duration.ofSeconds(seconds));
    }

    /** Waits for the stage; a failure is rethrown as its cause so tests can assert on the exception type. */
    protected static <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, WAIT_SECONDS);
    }

    protected static String newProject() {
        return "p" + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static QueueRef newQueue() {
        return QueueRef.of(newProject(), "q" + SEQUENCE.incrementAndGet());
    }

    protected static ObjectNode metadata(String key, String value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }

    /** Posts one batch as {@link #PRODUCER}, ttl {@value #TTL} s, no delay; returns the ids. */
    protected final List<String> post(QueueRef ref, String... bodies) {
        List<NewMessage> batch = Arrays.stream(bodies).map(body -> NewMessage.of(body, TTL, 0)).toList();
        return await(storage.messages().post(ref, batch, PRODUCER));
    }

    /** {@code count} distinct JSON bodies {@code {"n":0}}, {@code {"n":1}}, ... */
    protected static String[] bodies(int count) {
        return IntStream.range(0, count).mapToObj(i -> "{\"n\":" + i + "}").toArray(String[]::new);
    }

    protected final String postOne(QueueRef ref, int ttlSeconds, int delaySeconds) {
        return await(storage.messages().post(ref, List.of(NewMessage.of("{}", ttlSeconds, delaySeconds)), PRODUCER))
                .get(0);
    }

    protected final Optional<Message> find(QueueRef ref, String id) {
        return await(storage.messages().get(ref, id));
    }

    protected final Claim claim(QueueRef ref, int ttl, int grace, int limit) {
        return await(storage.claims().create(ref, ClaimSpec.of(ttl, grace, limit)));
    }

    /** Every filter off: claimed, delayed and own messages included. */
    protected static MessageQuery everything(long afterPosition, int limit) {
        return new MessageQuery(afterPosition, limit, CONSUMER, true, true, true);
    }

    protected final List<String> listIds(QueueRef ref, MessageQuery query) {
        return ids(drain(ref, query));
    }

    /** Every unexpired message, claimed, delayed or not, in listing order. */
    protected final List<Message> listAll(QueueRef ref) {
        return drain(ref, everything(MessageQuery.FROM_HEAD, 20));
    }

    /** Pages through a listing with markers until an empty page (at most 1,000 pages). */
    protected final List<Message> drain(QueueRef ref, MessageQuery query) {
        List<Message> all = new ArrayList<>();
        long marker = query.afterPosition();
        for (int pages = 0; pages < 1000; pages++) {
            MessagePage page = await(storage.messages().list(ref, new MessageQuery(marker, query.limit(),
                    query.clientId(), query.echo(), query.includeClaimed(), query.includeDelayed())));
            if (page.isEmpty()) {
                return all;
            }
            assertThat(page.nextMarker()).isGreaterThan(marker);
            all.addAll(page.messages());
            marker = page.nextMarker();
        }
        throw new AssertionError("listing did not end within 1000 pages");
    }

    protected static List<String> ids(Collection<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }
}
