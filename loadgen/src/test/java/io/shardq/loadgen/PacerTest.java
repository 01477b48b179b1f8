package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** A clock that only moves when the pacer sleeps or the test says so. */
    private static final class FakeTime {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        Pacer pacer(long interval, long firstSlot) {
            return new Pacer(interval, firstSlot, () -> now, nanos -> {
                sleeps.add(nanos);
                now += nanos;
            });
        }
    }

    @Test
    void spreadsTheTotalRateOverTheWorkers() {
        assertThat(Pacer.forWorker(1000, 4, 0).intervalNanos()).isEqualTo(4_000_000);
        assertThat(Pacer.forWorker(3000, 12, 0.5).intervalNanos()).isEqualTo(4_000_000);
        assertThat(Pacer.forWorker(0, 12, 0.5)).isSameAs(Pacer.UNPACED);
    }

    @Test
    void sendsEachRequestAtItsSlot() {
        FakeTime time = new FakeTime();
        Pacer pacer = time.pacer(100, 30);

        for (int i = 0; i < 4; i++) {
            pacer.awaitSlot();
            time.now += 10; // the request takes 10 ns
        }

        assertThat(time.sleeps).containsExactly(30L, 90L, 90L, 90L);
        assertThat(time.now).isEqualTo(340);
    }

    @Test
    void aSlowRequestDelaysOnlyTheNextOne() {
        FakeTime time = new FakeTime();
        Pacer pacer = time.pacer(100, 0);

        pacer.awaitSlot();
        time.now += 150; // overran its slot by half an interval
        pacer.awaitSlot(); // late: goes out at once
        time.now += 10;
        pacer.awaitSlot();

        assertThat(time.sleeps).containsExactly(40L);
        assertThat(time.now).isEqualTo(200);
    }

    @Test
    void doesNotBurstToCatchUpAfterAStall() {
        FakeTime time = new FakeTime();
        Pacer pacer = time.pacer(100, 0);

        pacer.awaitSlot();
        time.now += 1_000; // a stall of ten slots
        pacer.awaitSlot(); // restarts from now
        pacer.awaitSlot();

        assertThat(time.sleeps).containsExactly(100L);
        assertThat(time.now).isEqualTo(1_100);
    }

    @Test
    void unpacedNeverWaits() {
        long before = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            Pacer.UNPACED.awaitSlot();
        }
        assertThat(System.nanoTime() - before).isLessThan(1_000_000_000L);
    }
}
