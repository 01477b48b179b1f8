package io.shardq.partition.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.testing.MutableClock;
import io.shardq.testing.Stages;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every driver's {@link QueueTransfer} must do: a queue exported from one store and imported into
 * another continues exactly (DESIGN.md "Migration"; SPEC "Where we go further" 7): same ids, positions,
 * bodies, ttls, ages, delays, claim fields and claims; markers and claim ids work on the copy; re-importing
 * changes nothing; {@code states}/{@code applyStates} with a tail export reconcile what changed since.
 * Written once; each driver's test extends it and only supplies the store.
 *
 * <p>{@link #createStorage} is called twice per test, for a source and a destination: the two must be
 * independent (on a shared backend, give each its own key space), and each starts empty, because
 * {@link QueueTransfer#queues} lists every queue of a store.
 */
public abstract class TransferContract {

    private static final long WAIT_SECONDS = 60;
    private static final String PRODUCER = "6f1c1f9e-0000-4000-8000-00000000000a";
    private static final String CONSUMER = "6f1c1f9e-0000-4000-8000-00000000000b";
    private static final int TTL = 3600;

    protected MutableClock clock;
    protected Storage source;
    protected Storage destination;
    private final QueueRef ref = QueueRef.of("proj-t", "moving");

    /** An empty store reading time from {@code clock}; called twice per test (source and destination). */
    protected abstract Storage createStorage(MutableClock clock);

    @BeforeEach
    void openStorages() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        source = createStorage(clock);
        destination = createStorage(clock);
    }

    @AfterEach
    void closeStorages() {
        source.close();
        destination.close();
    }

    // ---------------------------------------------------------------- a whole queue

    @Test
    void aThousandMessageQueueWithLiveClaimsArrivesExactly() {
        Populated queue = populate();
        List<ExportPage> pages = exportAll(source, -1, 100);
        pages.forEach(page -> await(destination.transfer().importPage(ref, page)));

        List<Message> copied = pages.stream().flatMap(page -> page.messages().stream()).toList();
        assertThat(ids(copied)).doesNotContainAnyElementsOf(queue.expired()).doesNotContainAnyElementsOf(queue.deleted());
        assertThat(copied).hasSize(1_000 - queue.expired().size() - queue.deleted().size());
        assertSameQueue(queue);
        clock.advanceSeconds(30);
        assertSameQueue(queue);
    }

    @Test
    void theCopyGoesOnWhereTheSourceStopped() {
        Populated queue = populate();
        List<ExportPage> pages = exportAll(source, -1, 100);
        pages.forEach(page -> await(destination.transfer().importPage(ref, page)));
        long highest = all(source).stream().mapToLong(Message::position).max().orElseThrow();

        String next = await(destination.messages().post(ref, List.of(NewMessage.of("{\"n\":1}", TTL, 0)), PRODUCER)).get(0);
        long position = await(destination.messages().get(ref, next)).orElseThrow().position();
        assertThat(position).isGreaterThan(highest).isGreaterThan(pages.get(0).lastPosition());
        assertThat(ids(all(destination))).endsWith(next);

        MessageQuery consumer = new MessageQuery(MessageQuery.FROM_HEAD, 7, CONSUMER, false, false, false);
        MessagePage first = await(source.messages().list(ref, consumer));
        MessageQuery after = new MessageQuery(first.nextMarker(), 7, CONSUMER, false, false, false);
        assertThat(await(destination.messages().list(ref, after)).messages())
                .isEqualTo(await(source.messages().list(ref, after)).messages());
        assertThat(queue.liveClaims()).isNotEmpty();
    }

    @Test
    void aClaimTakenAtTheSourceWorksAtTheDestination() {
        Populated queue = populate();
        exportAll(source, -1, 100).forEach(page -> await(destination.transfer().importPage(ref, page)));
        String claimId = queue.liveClaims().get(0);
        Claim claim = await(destination.claims().get(ref, claimId));
        String held = claim.messages().get(0).id();

        await(destination.claims().update(ref, claimId, 600, 60));
        assertThat(await(destination.claims().get(ref, claimId)).ttl()).isEqualTo(600);
        assertThatThrownBy(() -> await(destination.messages().delete(ref, held, null)))
                .isInstanceOf(MessageClaimedException.class);
        await(destination.messages().delete(ref, held, claimId));
        assertThat(await(destination.messages().get(ref, held))).isEmpty();

        String other = queue.liveClaims().get(1);
        List<String> released = ids(await(destination.claims().get(ref, other)).messages());
        await(destination.claims().release(ref, other));
        assertThatThrownBy(() -> await(destination.claims().get(ref, other))).isInstanceOf(ClaimNotFoundException.class);
        assertThat(await(destination.messages().get(ref, released))).allSatisfy(
                message -> assertThat(message.isClaimed(clock.millis())).isFalse());
    }

    @Test
    void importingThePagesAgainChangesNothing() {
        Populated queue = populate();
        List<ExportPage> pages = exportAll(source, -1, 64);
        pages.forEach(page -> await(destination.transfer().importPage(ref, page)));
        Snapshot once = snapshot(destination, queue);

        pages.forEach(page -> await(destination.transfer().importPage(ref, page)));
        List<ExportPage> reversed = new ArrayList<>(pages);
        Collections.reverse(reversed);
        reversed.forEach(page -> await(destination.transfer().importPage(ref, page)));

        assertThat(snapshot(destination, queue)).isEqualTo(once);
        assertThat(once).isEqualTo(snapshot(source, queue));
    }

    // ---------------------------------------------------------------- export paging

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 25, 26, 1000})
    void exportPagesCoverEveryUnexpiredMessageOnceInPositionOrder(int limit) {
        List<String> expected = new ArrayList<>();
        postBatch(source, 5, 60, 0);
        for (int i = 0; i < 5; i++) {
            expected.addAll(postBatch(source, 4, TTL, i));
        }
        clock.advanceSeconds(61);
        expected.addAll(postBatch(source, 5, TTL, 0));

        List<ExportPage> pages = exportAll(source, -1, limit);
        List<Message> messages = pages.stream().flatMap(page -> page.messages().stream()).toList();
        assertThat(ids(messages)).isEqualTo(expected);
        assertThat(messages).isSortedAccordingTo((a, b) -> Long.compare(a.position(), b.position()));
        for (int i = 0; i < pages.size(); i++) {
            ExportPage page = pages.get(i);
            assertThat(page.messages()).hasSizeLessThanOrEqualTo(limit);
            assertThat(page.done()).isEqualTo(i == pages.size() - 1);
            assertThat(page.metadata()).isEqualTo(JsonNodeFactory.instance.objectNode());
        }
        ExportPage last = pages.get(pages.size() - 1);
        assertThat(last.nextCursor()).isEqualTo(messages.get(messages.size() - 1).position());
        ExportPage beyond = await(source.transfer().export(ref, last.nextCursor(), limit));
        assertThat(beyond.messages()).isEmpty();
        assertThat(beyond.done()).isTrue();
    }

    @Test
    void exportingAMissingQueueFailsWithQueueNotFound() {
        assertThatThrownBy(() -> await(source.transfer().export(ref, -1, 10))).isInstanceOf(QueueNotFoundException.class);
    }

    @Test
    void anEmptyQueueExportsItsMetadataAndItsPositionCounter() {
        List<String> posted = postBatch(source, 5, TTL, 0);
        long fifth = await(source.messages().get(ref, posted.get(4))).orElseThrow().position();
        await(source.messages().purge(ref));
        await(source.queues().replaceMetadata(ref, metadata("color", "red")));

        ExportPage page = await(source.transfer().export(ref, -1, 10));
        assertThat(page.messages()).isEmpty();
        assertThat(page.done()).isTrue();
        assertThat(page.metadata()).isEqualTo(metadata("color", "red"));
        assertThat(page.lastPosition()).isGreaterThanOrEqualTo(fifth);

        await(destination.transfer().importPage(ref, page));
        assertThat(await(destination.queues().metadata(ref))).contains(metadata("color", "red"));
        String next = postBatch(destination, 1, TTL, 0).get(0);
        assertThat(await(destination.messages().get(ref, next)).orElseThrow().position()).isGreaterThan(fifth);
    }

    // ---------------------------------------------------------------- reconciliation

    @Test
    void statesAndATailExportReconcileWhatChangedAfterTheCopy() {
        Populated queue = populate();
        List<ExportPage> pages = exportAll(source, -1, 100);
        pages.forEach(page -> await(destination.transfer().importPage(ref, page)));
        long copiedUpTo = pages.get(pages.size() - 1).nextCursor();

        String renewed = queue.liveClaims().get(0);
        String released = queue.liveClaims().get(1);
        await(source.claims().update(ref, renewed, 900, 120));
        await(source.claims().release(ref, released));
        String taken = await(source.claims().create(ref, ClaimSpec.of(300, 60, 15))).id();
        List<String> gone = ids(all(source)).subList(400, 403);
        await(source.messages().delete(ref, gone));
        postBatch(source, 12, TTL, 0);
        clock.advanceSeconds(3);

        reconcile(copiedUpTo);

        assertThat(all(destination)).isEqualTo(all(source));
        for (String claimId : List.of(renewed, taken)) {
            assertThat(await(destination.claims().get(ref, claimId))).isEqualTo(await(source.claims().get(ref, claimId)));
        }
        assertThatThrownBy(() -> await(destination.claims().get(ref, released))).isInstanceOf(ClaimNotFoundException.class);
        assertThat(await(destination.queues().stats(ref))).isEqualTo(await(source.queues().stats(ref)));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 100})
    void statesPageThroughEveryMessageInPositionOrder(int limit) {
        postBatch(source, 10, TTL, 0);
        await(source.claims().create(ref, ClaimSpec.of(300, 60, 3)));
        List<MessageState> expected = all(source).stream().map(MessageState::of).toList();

        List<MessageState> states = new ArrayList<>();
        long cursor = -1;
        for (int pages = 0; pages < 100; pages++) {
            StatePage page = await(source.transfer().states(ref, cursor, limit));
            assertThat(page.states()).hasSizeLessThanOrEqualTo(limit);
            states.addAll(page.states());
            cursor = page.nextCursor();
            if (page.done()) {
                break;
            }
        }
        assertThat(states).isEqualTo(expected);
    }

    @Test
    void statesOfAMissingQueueAreAnEmptyLastPage() {
        StatePage page = await(source.transfer().states(ref, -1, 10));
        assertThat(page.states()).isEmpty();
        assertThat(page.done()).isTrue();
    }

    @Test
    void applyStatesIgnoresUnknownIdsAndKeepsBodiesAndPositions() {
        List<String> posted = postBatch(source, 2, TTL, 0);
        Message before = await(source.messages().get(ref, posted.get(0))).orElseThrow();
        long until = clock.millis() + 120_000;
        MessageState changed = new MessageState(before.id(), before.position() + 100, 500, until + 60_000,
                "claim-x", until, 3);
        MessageState unknown = new MessageState("no-such-id", 1, 60, until, null, 0, 0);

        await(source.transfer().applyStates(ref, List.of(unknown, changed)));
        await(source.transfer().applyStates(QueueRef.of("other", "queue"), List.of(changed)));

        Message after = await(source.messages().get(ref, posted.get(0))).orElseThrow();
        assertThat(after).isEqualTo(new Message(before.id(), before.position(), before.body(), 500,
                before.createdMillis(), until + 60_000, before.delayExpiresMillis(), before.clientId(), "claim-x",
                until, 3));
        assertThat(ids(all(source))).isEqualTo(posted);
        assertThat(await(source.queues().metadata(QueueRef.of("other", "queue")))).isEmpty();
    }

    @Test
    void deleteMessagesRemovesClaimedAndUnclaimedAlike() {
        List<String> posted = postBatch(source, 6, TTL, 0);
        await(source.claims().create(ref, ClaimSpec.of(300, 60, 2)));
        await(source.transfer().deleteMessages(ref, List.of(posted.get(0), posted.get(3), "no-such-id")));
        await(source.transfer().deleteMessages(QueueRef.of("other", "queue"), List.of(posted.get(1))));
        assertThat(ids(all(source))).containsExactly(posted.get(1), posted.get(2), posted.get(4), posted.get(5));
    }

    // ---------------------------------------------------------------- drop and listing

    @Test
    void dropRemovesTheQueueItsMessagesClaimsAndFence() {
        postBatch(source, 5, TTL, 0);
        String claimId = await(source.claims().create(ref, ClaimSpec.of(300, 60, 2))).id();
        await(source.fences().set(ref, Fence.movedTo("p2")));

        await(source.transfer().drop(ref));
        await(source.transfer().drop(ref));

        assertThat(await(source.queues().metadata(ref))).isEmpty();
        assertThat(all(source)).isEmpty();
        assertThatThrownBy(() -> await(source.claims().get(ref, claimId))).isInstanceOf(ClaimNotFoundException.class);
        assertThat(await(source.fences().get(ref))).isEqualTo(Fence.ACTIVE);
        assertThatThrownBy(() -> await(source.transfer().export(ref, -1, 10))).isInstanceOf(QueueNotFoundException.class);
        assertThat(await(source.transfer().queues(null, 10))).isEmpty();
    }

    @Test
    void dropKeepingTheFenceRemovesTheDataButTheMovedFenceStillRefuses() {
        postBatch(source, 5, TTL, 0);
        await(source.queues().replaceMetadata(ref, metadata("color", "red")));
        String claimId = await(source.claims().create(ref, ClaimSpec.of(300, 60, 2))).id();
        await(source.fences().set(ref, Fence.movedTo("p2")));

        await(source.transfer().drop(ref, true));
        await(source.transfer().drop(ref, true));

        assertThat(await(source.queues().metadata(ref))).isEmpty();
        assertThat(all(source)).isEmpty();
        assertThat(allStates(source)).isEmpty();
        assertThatThrownBy(() -> await(source.claims().get(ref, claimId))).isInstanceOf(ClaimNotFoundException.class);
        assertThatThrownBy(() -> await(source.transfer().export(ref, -1, 10))).isInstanceOf(QueueNotFoundException.class);
        assertThat(await(source.transfer().queues(null, 10))).isEmpty();
        assertThat(await(source.fences().get(ref))).isEqualTo(Fence.movedTo("p2"));
        assertThatThrownBy(() -> await(source.fences().enter(ref, false))).isInstanceOf(QueueFencedException.class);
        assertThatThrownBy(() -> await(source.fences().enter(ref, true))).isInstanceOf(QueueFencedException.class);

        await(source.transfer().drop(ref, false));
        assertThat(await(source.fences().get(ref))).isEqualTo(Fence.ACTIVE);
    }

    @Test
    void dropKeepingAFrozenFenceLeavesTheQueueFrozen() {
        postBatch(source, 3, TTL, 0);
        await(source.fences().set(ref, Fence.FROZEN));

        await(source.transfer().drop(ref, true));

        assertThat(all(source)).isEmpty();
        assertThat(await(source.fences().get(ref))).isEqualTo(Fence.FROZEN);
        assertThatThrownBy(() -> await(source.fences().enter(ref, true))).isInstanceOf(QueueFencedException.class);
        await(source.fences().enter(ref, false)).close();
    }

    @Test
    void queuesListsEveryProjectInQueueRefOrderPageByPage() {
        List<QueueRef> refs = new ArrayList<>(List.of(QueueRef.of("", "nobody"), QueueRef.of("a", "q1"),
                QueueRef.of("a", "q2"), QueueRef.of("a", "r"), QueueRef.of("b", "a"), QueueRef.of("b-c", "x"),
                QueueRef.of("bb", "q1")));
        for (QueueRef each : refs) {
            if (each.queue().startsWith("q")) {
                await(source.messages().post(each, List.of(NewMessage.of("{}", TTL, 0)), PRODUCER));
            } else {
                await(source.queues().create(each, metadata("k", "v")));
            }
        }
        await(source.queues().create(QueueRef.of("a", "gone"), metadata("k", "v")));
        await(source.queues().delete(QueueRef.of("a", "gone")));
        Collections.sort(refs);

        assertThat(await(source.transfer().queues(null, 100))).isEqualTo(refs);
        for (int limit : new int[] {1, 2, 3}) {
            List<QueueRef> paged = new ArrayList<>();
            QueueRef after = null;
            for (List<QueueRef> page = await(source.transfer().queues(null, limit)); !page.isEmpty();
                    page = await(source.transfer().queues(after, limit))) {
                assertThat(page).hasSizeLessThanOrEqualTo(limit);
                paged.addAll(page);
                after = page.get(page.size() - 1);
            }
            assertThat(paged).isEqualTo(refs);
        }
        assertThat(await(source.transfer().queues(QueueRef.of("a", "q2"), 2)))
                .containsExactly(QueueRef.of("a", "r"), QueueRef.of("b", "a"));
    }

    // ---------------------------------------------------------------- the populated queue

    /** What {@link #populate} made: ids of messages that expired or were deleted, and live claim ids. */
    private record Populated(Set<String> expired, Set<String> deleted, List<String> liveClaims, String expiredClaim) {
    }

    /**
     * 1,000 messages posted: 20 that expire, 970 over 97 seconds, claims that expired, were released, moved
     * claim counts up (a dead-letter queue is configured) or are live, 5 deleted, 10 delayed at the tail.
     */
    private Populated populate() {
        await(source.queues().create(ref, metadata("color", "blue").put("_max_claim_count", 3)));
        Set<String> expired = new HashSet<>(postBatch(source, 20, 60, 0));
        List<String> lasting = new ArrayList<>();
        for (int i = 0; i < 97; i++) {
            lasting.addAll(postBatch(source, 10, TTL, 0));
            clock.advanceSeconds(1);
        }
        String expiredClaim = await(source.claims().create(ref, ClaimSpec.of(60, 0, 10))).id();
        clock.advanceSeconds(61);
        ClaimSpec.DeadLetter deadLetter = new ClaimSpec.DeadLetter("moving-dlq", 3, 0);
        String released = await(source.claims().create(ref, new ClaimSpec(300, 60, 40, deadLetter))).id();
        await(source.claims().release(ref, released));
        String counted = await(source.claims().create(ref, new ClaimSpec(300, 60, 20, deadLetter))).id();
        String plain = await(source.claims().create(ref, ClaimSpec.of(120, 30, 25))).id();
        Set<String> deleted = new HashSet<>(IntStream.of(100, 200, 300, 301, 900).mapToObj(lasting::get).toList());
        await(source.messages().delete(ref, List.copyOf(deleted)));
        postBatch(source, 10, TTL, 600);
        clock.advanceSeconds(5);
        return new Populated(expired, deleted, List.of(counted, plain), expiredClaim);
    }

    private void assertSameQueue(Populated queue) {
        assertThat(snapshot(destination, queue)).isEqualTo(snapshot(source, queue));
        assertThat(all(destination)).anySatisfy(message -> assertThat(message.claimCount()).isEqualTo(2));
        assertThat(all(destination)).anySatisfy(message -> assertThat(message.isDelayed(clock.millis())).isTrue());
        assertThatThrownBy(() -> await(destination.claims().get(ref, queue.expiredClaim())))
                .isInstanceOf(ClaimNotFoundException.class);
    }

    /** Everything a client can observe of the queue. */
    private record Snapshot(List<Message> messages, List<Claim> claims, QueueStats stats, ObjectNode metadata) {
    }

    private Snapshot snapshot(Storage storage, Populated queue) {
        List<Claim> claims = queue.liveClaims().stream().map(id -> await(storage.claims().get(ref, id))).toList();
        return new Snapshot(all(storage), claims, await(storage.queues().stats(ref)),
                await(storage.queues().metadata(ref)).orElseThrow());
    }

    // ---------------------------------------------------------------- helpers

    /** A migration's delta: the tail and fresh claims by export, claim fields by states, deletions by id. */
    private void reconcile(long copiedUpTo) {
        exportAll(source, copiedUpTo, 50).forEach(page -> await(destination.transfer().importPage(ref, page)));
        List<MessageState> current = allStates(source);
        await(destination.transfer().applyStates(ref, current));
        Set<String> kept = new HashSet<>(current.stream().map(MessageState::id).toList());
        List<String> deleted = allStates(destination).stream().map(MessageState::id)
                .filter(id -> !kept.contains(id)).toList();
        await(destination.transfer().deleteMessages(ref, deleted));
    }

    private List<ExportPage> exportAll(Storage storage, long after, int limit) {
        List<ExportPage> pages = new ArrayList<>();
        long cursor = after;
        for (int i = 0; i < 10_000; i++) {
            ExportPage page = await(storage.transfer().export(ref, cursor, limit));
            pages.add(page);
            if (page.done()) {
                return pages;
            }
            assertThat(page.nextCursor()).isGreaterThan(cursor);
            cursor = page.nextCursor();
        }
        throw new AssertionError("export did not end within 10,000 pages");
    }

    private List<MessageState> allStates(Storage storage) {
        List<MessageState> states = new ArrayList<>();
        long cursor = -1;
        for (int i = 0; i < 10_000; i++) {
            StatePage page = await(storage.transfer().states(ref, cursor, 100));
            states.addAll(page.states());
            if (page.done()) {
                return states;
            }
            cursor = page.nextCursor();
        }
        throw new AssertionError("states did not end within 10,000 pages");
    }

    /** Every unexpired message, claimed, delayed or not, paged through with markers. */
    private List<Message> all(Storage storage) {
        List<Message> all = new ArrayList<>();
        long marker = MessageQuery.FROM_HEAD;
        for (int i = 0; i < 10_000; i++) {
            MessagePage page = await(storage.messages().list(ref, new MessageQuery(marker, 20, CONSUMER, true, true, true)));
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page.messages());
            marker = page.nextMarker();
        }
        throw new AssertionError("listing did not end within 10,000 pages");
    }

    /** Posts {@code count} messages as one batch with bodies {@code {"i":n}}; returns their ids. */
    private List<String> postBatch(Storage storage, int count, int ttl, int delay) {
        List<NewMessage> batch = IntStream.range(0, count)
                .mapToObj(i -> NewMessage.of("{\"i\":" + i + ",\"t\":" + clock.millis() + "}", ttl, delay)).toList();
        return await(storage.messages().post(ref, batch, PRODUCER));
    }

    private static ObjectNode metadata(String key, String value) {
        return JsonNodeFactory.instance.objectNode().put(key, value);
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    private static <T> T await(CompletionStage<T> stage) {
        return Stages.await(stage, WAIT_SECONDS);
    }
}
