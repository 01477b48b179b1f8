package io.shardq.partition.storage.redis;

import static io.shardq.partition.storage.redis.RedisScriptsIT.join;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.testing.MutableClock;
import io.shardq.testing.RedisServerExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A queue moves between drivers and back unchanged: 10,000 messages with live, ended and released claims,
 * dead-letter claim counts, delays and varied ttls, exported from Redis into the memory driver and back into
 * another Redis key space (and the other way round); ids, positions, bodies, ttls, ages, claim fields and
 * claims must be identical at every hop.
 */
class RedisMemoryTransferIT {

    @RegisterExtension
    static final RedisServerExtension redisServer = new RedisServerExtension();

    private static final int MESSAGES = 10_000;
    private static final int PAGE = 1_000;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final QueueRef ref = QueueRef.of("proj-x", "moving");
    private final List<Storage> stores = new ArrayList<>();

    @BeforeEach
    void noStores() {
        stores.clear();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(Storage::close);
    }

    @ParameterizedTest(name = "{0} -> other driver -> {0}")
    @ValueSource(strings = {"redis", "memory"})
    void aTenThousandMessageQueueWithLiveClaimsSurvivesARoundTrip(String origin) {
        Storage first = origin.equals("redis") ? redis() : memory();
        Storage middle = origin.equals("redis") ? memory() : redis();
        Storage last = origin.equals("redis") ? redis() : memory();
        List<Claim> claims = populate(first);

        copy(first, middle);
        assertSameQueue(middle, first, claims);
        copy(middle, last);
        assertSameQueue(last, first, claims);

        clock.advanceSeconds(200);
        assertSameQueue(last, first, claims);
    }

    /** 10,000 messages over 100 seconds; 40 claims of 20 (one released, some ended, some dead-letter counted). */
    private List<Claim> populate(Storage storage) {
        join(storage.queues().create(ref, JsonNodeFactory.instance.objectNode().put("color", "blue")
                .put("_max_claim_count", 5)));
        for (int i = 0; i < MESSAGES; i += 100) {
            int base = i;
            join(storage.messages().post(ref, IntStream.range(base, base + 100)
                    .mapToObj(j -> NewMessage.of("{\"n\":" + j + ",\"pad\":\"" + "x".repeat(j % 40) + "\"}",
                            120 + j % 900, j % 7 == 0 ? 30 : 0))
                    .toList(), "producer-" + i % 3));
            clock.advanceSeconds(1);
        }
        List<Claim> claims = new ArrayList<>();
        ClaimSpec.DeadLetter deadLetter = new ClaimSpec.DeadLetter("moving-dlq", 5, 0);
        for (int i = 0; i < 40; i++) {
            claims.add(join(storage.claims().create(ref, i % 2 == 0 ? ClaimSpec.of(60 + i * 10, 30, 20)
                    : new ClaimSpec(60 + i * 10, 30, 20, deadLetter))));
            clock.advanceSeconds(1);
        }
        join(storage.claims().release(ref, claims.get(5).id()));
        clock.advanceSeconds(70);
        return claims;
    }

    private void copy(Storage from, Storage to) {
        long cursor = -1;
        while (true) {
            ExportPage page = join(from.transfer().export(ref, cursor, PAGE));
            join(to.transfer().importPage(ref, page));
            cursor = page.nextCursor();
            if (page.done()) {
                return;
            }
        }
    }

    private void assertSameQueue(Storage copy, Storage original, List<Claim> claims) {
        List<Message> messages = all(original);
        assertThat(messages).hasSizeGreaterThan(MESSAGES / 2);
        assertThat(all(copy)).isEqualTo(messages);
        assertThat(exportAll(copy)).isEqualTo(exportAll(original));
        assertThat(join(copy.queues().metadata(ref))).isEqualTo(join(original.queues().metadata(ref)));
        assertThat(join(copy.queues().stats(ref))).isEqualTo(join(original.queues().stats(ref)));
        long live = 0;
        for (Claim claim : claims) {
            Object held = claimOrFailure(original, claim.id());
            live += held instanceof Claim ? 1 : 0;
            assertThat(claimOrFailure(copy, claim.id())).isEqualTo(held);
        }
        assertThat(live).isPositive();
    }

    /** Every export page's content: messages, claims, counter (cursors and page boundaries aside). */
    private List<Object> exportAll(Storage storage) {
        List<Object> content = new ArrayList<>();
        long cursor = -1;
        while (true) {
            ExportPage page = join(storage.transfer().export(ref, cursor, PAGE));
            content.add(List.of(page.lastPosition(), page.claims(), page.messages()));
            cursor = page.nextCursor();
            if (page.done()) {
                return content;
            }
        }
    }

    private Object claimOrFailure(Storage storage, String id) {
        try {
            return join(storage.claims().get(ref, id));
        } catch (RuntimeException e) {
            return e.getCause() == null ? e.getClass() : e.getCause().getClass();
        }
    }

    private List<Message> all(Storage storage) {
        List<Message> all = new ArrayList<>();
        long marker = MessageQuery.FROM_HEAD;
        while (true) {
            var page = join(storage.messages().list(ref, new MessageQuery(marker, 100, "observer", true, true, true)));
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page.messages());
            marker = page.nextMarker();
        }
    }

    private Storage redis() {
        Storage storage = new RedisStorage(redisServer.uri(), clock, "mx-" + PREFIXES.incrementAndGet() + ":");
        stores.add(storage);
        return storage;
    }

    private Storage memory() {
        Storage storage = new InMemoryStorage(clock);
        stores.add(storage);
        return storage;
    }
}
