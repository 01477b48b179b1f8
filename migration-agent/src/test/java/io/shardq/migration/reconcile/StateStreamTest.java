package io.shardq.migration.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StatePage;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ranges read across storage pages and gaps, and a destination's answer, against an in-memory store. */
class StateStreamTest {

    private static final QueueRef REF = QueueRef.of("p", "q");

    private Storage storage;
    private List<MessageState> states;

    @BeforeEach
    void fill() {
        storage = new InMemoryStorage(Clock.systemUTC(), Duration.ZERO);
        for (int batch = 0; batch < 5; batch++) {
            List<NewMessage> messages = IntStream.range(0, 500).mapToObj(i -> NewMessage.of("{}", 3600, 0)).toList();
            storage.messages().post(REF, messages, "c").toCompletableFuture().join();
        }
        StatePage page = storage.transfer().states(REF, -1, 10_000).toCompletableFuture().join();
        states = page.states();
        assertThat(states).hasSize(2_500);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void rangesAcrossPagesAndGapsSeeExactlyTheirStates() throws Exception {
        StateStream stream = new StateStream(storage.transfer(), REF);

        assertThat(ids(stream, -1, 999)).isEqualTo(ids(-1, 999));
        assertThat(ids(stream, 999, 1_500)).isEqualTo(ids(999, 1_500));
        assertThat(ids(stream, 1_700, 1_700)).isEmpty();
        assertThat(ids(stream, 1_800, 2_200)).isEqualTo(ids(1_800, 2_200));
        assertThat(ids(stream, 2_400, Long.MAX_VALUE)).isEqualTo(ids(2_400, Long.MAX_VALUE));
        assertThat(ids(stream, 5_000, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void theAnswerNamesOnlyTheRangesThatDiffer() throws Exception {
        List<DigestRange> ranges = new ArrayList<>();
        for (long from = -1; from < 2_500; from += 700) {
            DigestRange.Builder builder = new DigestRange.Builder(0);
            long to = from + 700 >= 2_500 ? Long.MAX_VALUE : from + 700;
            long start = from;
            states.stream().filter(s -> s.position() > start && s.position() <= to).forEach(builder::add);
            ranges.add(builder.build(from, to));
        }
        DigestRange tampered = new DigestRange(ranges.get(1).from(), ranges.get(1).to(), ranges.get(1).count(), 7);
        List<DigestRange> sent = new ArrayList<>(ranges);
        sent.set(1, tampered);

        DigestAnswer answer = RangeCompare.answer(storage.transfer(), REF,
                new DigestRequest(0, sent, OptionalLong.of(0)));

        assertThat(answer.differing()).containsExactly(ranges.get(1));
        assertThat(answer.count()).isEqualTo(2_500);
        assertThat(answer.digest()).isEqualTo(DigestRange.sum(ranges));
        assertThat(answer.claims()).hasValue(Hashes.claims(List.of(), 0));
    }

    private static List<String> ids(StateStream stream, long from, long to) throws Exception {
        List<String> ids = new ArrayList<>();
        stream.forEach(from, to, state -> ids.add(state.id()));
        return ids;
    }

    private List<String> ids(long from, long to) {
        return states.stream().filter(s -> s.position() > from && s.position() <= to).map(MessageState::id).toList();
    }
}
