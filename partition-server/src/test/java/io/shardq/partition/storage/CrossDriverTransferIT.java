package io.shardq.partition.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.partition.storage.mongo.MongoStorage;
import io.shardq.partition.storage.redis.RedisStorage;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import io.shardq.testing.Stages;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A queue moves exactly between any two drivers: for each of the nine (source, destination) pairs of memory,
 * Redis and MongoDB, a queue of 10,000 messages with live, ended and released claims, grace-extended ttls,
 * dead-letter claim counts and delayed messages is exported page by page (1,000 per page) into a fresh
 * destination. Every message (ids, positions, bodies, ttls, ages, delays, claim fields, read back with
 * {@code states} and {@code messages().get}), every claim, the metadata and the stats must be identical; a
 * marker taken at the source lists the same page at the destination, and the destination's next post lands
 * after every copied position.
 *
 * <p>Pairs with MongoDB are the slow ones (about 2 minutes in all): the in-process MongoDB-wire server answers
 * {@code messages().get} of many ids by scanning the collection and testing each document against every id,
 * so reading 10,000 messages back costs about 9 s per store (the copy itself takes about 3 s).
 * Each source is filled once per size and reused; the clock stands still while pairs run.
 */
class CrossDriverTransferIT {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    @RegisterExtension
    static final MongoServerExtension mongoServer = new MongoServerExtension();

    private static final int MESSAGES = 10_000;
    private static final int PAGE = 1_000;
    private static final QueueRef REF = QueueRef.of("proj-cross", "moving");
    private static final AtomicInteger STORES = new AtomicInteger();
    private static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private static final Map<String, Source> SOURCES = new HashMap<>();

    /** The drivers under test. */
    enum Driver { MEMORY, REDIS, MONGO }

    /** A filled source store, how many messages were posted, and the ids of every claim made on it. */
    private record Source(Storage storage, int messages, List<String> claimIds) {
    }

    static Stream<Arguments> pairs() {
        return Stream.of(Driver.values()).flatMap(from -> Stream.of(Driver.values()).map(to -> Arguments.of(from, to)));
    }

    @AfterAll
    static void closeSources() {
        SOURCES.values().forEach(source -> source.storage().close());
        SOURCES.clear();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void aTenThousandMessageQueueWithLiveClaimsArrivesExactly(Driver from, Driver to) {
        int size = MESSAGES;
        Source source = SOURCES.computeIfAbsent(from + "/" + size, key -> populate(open(from), size));
        try (Storage destination = open(to)) {
            ExportPage first = copy(source.storage(), destination);

            List<MessageState> states = allStates(source.storage());
            assertThat(states).hasSizeGreaterThan(size / 2);
            assertThat(allStates(destination)).isEqualTo(states);
            List<String> ids = states.stream().map(MessageState::id).toList();
            List<Message> messages = get(source.storage(), ids);
            assertThat(messages).hasSize(ids.size());
            assertThat(get(destination, ids)).isEqualTo(messages);
            assertVariety(messages);
            assertSameClaims(source, destination);
            assertThat(join(destination.queues().metadata(REF))).isEqualTo(join(source.storage().queues().metadata(REF)));
            assertThat(join(destination.queues().stats(REF))).isEqualTo(join(source.storage().queues().stats(REF)));

            long marker = states.get(states.size() / 2).position();
            MessageQuery query = new MessageQuery(marker, 10, "consumer", true, false, false);
            assertThat(join(destination.messages().list(REF, query)))
                    .isEqualTo(join(source.storage().messages().list(REF, query)));

            String next = join(destination.messages().post(REF, List.of(NewMessage.of("{\"next\":1}", 600, 0)),
                    "producer-x")).get(0);
            long position = join(destination.messages().get(REF, next)).orElseThrow().position();
            assertThat(position).isGreaterThan(states.get(states.size() - 1).position())
                    .isGreaterThan(first.lastPosition());
        }
    }

    /**
     * {@code count} messages over 100 seconds with ttls of 300..1499 s (a few delayed for 30 s, the last for an
     * hour), then 30
     * claims of 25 (plain, dead-letter counted, or with a grace long enough to extend message ttls), one released;
     * 70 seconds later the shortest claims have ended and five more dead-letter claims take 10 messages each
     * again (some of those held by ended claims, which are left with their ended claim's id).
     */
    private static Source populate(Storage storage, int count) {
        join(storage.queues().create(REF, JsonNodeFactory.instance.objectNode().put("color", "blue")
                .put("_max_claim_count", 5)));
        int batch = count / 100;
        for (int i = 0; i < count; i += batch) {
            int base = i;
            join(storage.messages().post(REF, IntStream.range(base, base + batch)
                    .mapToObj(j -> NewMessage.of("{\"n\":" + j + ",\"pad\":\"" + "x".repeat(j % 40) + "\"}",
                            300 + j % 1200, j == count - 1 ? 3600 : j % 2000 == 7 ? 30 : 0))
                    .toList(), "producer-" + i % 3));
            CLOCK.advanceSeconds(1);
        }
        ClaimSpec.DeadLetter deadLetter = new ClaimSpec.DeadLetter("moving-dlq", 5, 0);
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ClaimSpec spec = switch (i % 3) {
                case 0 -> ClaimSpec.of(60 + i * 10, 30, 25);
                case 1 -> new ClaimSpec(60 + i * 10, 120, 25, deadLetter);
                default -> ClaimSpec.of(600, 900, 25);
            };
            claims.add(join(storage.claims().create(REF, spec)).id());
            CLOCK.advanceSeconds(1);
        }
        join(storage.claims().release(REF, claims.get(4)));
        CLOCK.advanceSeconds(70);
        for (int i = 0; i < 5; i++) {
            claims.add(join(storage.claims().create(REF, new ClaimSpec(300, 60, 10, deadLetter))).id());
        }
        return new Source(storage, count, claims);
    }

    private static ExportPage copy(Storage from, Storage to) {
        ExportPage first = null;
        long cursor = -1;
        while (true) {
            ExportPage page = join(from.transfer().export(REF, cursor, PAGE));
            join(to.transfer().importPage(REF, page));
            first = first == null ? page : first;
            cursor = page.nextCursor();
            if (page.done()) {
                return first;
            }
        }
    }

    /** The populated queue really has what the copy must preserve. */
    private static void assertVariety(List<Message> messages) {
        long now = CLOCK.millis();
        assertThat(messages.stream().filter(message -> message.isClaimed(now))).as("claimed").isNotEmpty();
        assertThat(messages.stream().filter(message -> message.isDelayed(now))).as("delayed").isNotEmpty();
        assertThat(messages.stream().filter(message -> message.claimCount() == 2)).as("claimed twice").isNotEmpty();
        assertThat(messages.stream().filter(message -> message.ttl() == 600 + 900)).as("grace-extended").isNotEmpty();
        assertThat(messages.stream().filter(message -> message.claimId() != null && !message.isClaimed(now)))
                .as("left by an ended claim").isNotEmpty();
    }

    private static void assertSameClaims(Source source, Storage destination) {
        int live = 0;
        for (String id : source.claimIds()) {
            Object held = claimOrFailure(source.storage(), id);
            live += held instanceof Claim ? 1 : 0;
            assertThat(claimOrFailure(destination, id)).as("claim %s", id).isEqualTo(held);
        }
        assertThat(live).isBetween(5, source.claimIds().size() - 1);
    }

    private static Object claimOrFailure(Storage storage, String id) {
        try {
            return join(storage.claims().get(REF, id));
        } catch (ClaimNotFoundException e) {
            return ClaimNotFoundException.class;
        }
    }

    private static List<MessageState> allStates(Storage storage) {
        List<MessageState> states = new ArrayList<>();
        long cursor = -1;
        while (true) {
            StatePage page = join(storage.transfer().states(REF, cursor, PAGE));
            states.addAll(page.states());
            cursor = page.nextCursor();
            if (page.done()) {
                return states;
            }
        }
    }

    /** The messages with these ids, read back through the message store, in position order. */
    private static List<Message> get(Storage storage, List<String> ids) {
        List<Message> messages = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i += PAGE) {
            messages.addAll(join(storage.messages().get(REF, ids.subList(i, Math.min(ids.size(), i + PAGE)))));
        }
        messages.sort(Comparator.comparingLong(Message::position));
        return messages;
    }

    private static Storage open(Driver driver) {
        int store = STORES.incrementAndGet();
        return switch (driver) {
            case MEMORY -> new InMemoryStorage(CLOCK);
            case REDIS -> new RedisStorage(redisServer.uri(), CLOCK, "cross-" + store + ":");
            case MONGO -> new MongoStorage(mongoServer.uri(), mongoServer.database() + "_" + store, CLOCK);
        };
    }

    private static <T> T join(CompletionStage<T> stage) {
        return Stages.await(stage, 60);
    }
}
