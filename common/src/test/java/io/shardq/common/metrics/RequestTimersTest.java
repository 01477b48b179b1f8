package io.shardq.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestTimersTest {

    @Test
    void registersOneTimerPerNameThatRecordsEveryUpdate() {
        MetricRegistry registry = new MetricRegistry();
        Timer timer = RequestTimers.timer(registry, "a.requests");
        timer.update(3, TimeUnit.MILLISECONDS);
        timer.update(5, TimeUnit.MILLISECONDS);

        assertSame(timer, RequestTimers.timer(registry, "a.requests"));
        assertSame(timer, registry.getTimers().get("a.requests"));
        assertEquals(2, timer.getCount());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(5), timer.getSnapshot().getMax());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(3), timer.getSnapshot().getMin());
    }
}
