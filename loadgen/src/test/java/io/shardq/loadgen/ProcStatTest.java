package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void sumsUtimeAndStime() {
        String line = "12345 (java) S 1 12345 12345 0 -1 4194560 51234 0 12 0 1500 250 0 0 20 0 42 0 "
                + "123456 5000000000 60000 18446744073709551615 1 1 0 0 0 0 0 0 16800975 0 0 0 17 1 0 0 0 0 0";

        assertThat(ProcStat.cpuTicks(line)).isEqualTo(1750);
    }

    @Test
    void commMayHoldSpacesAndParentheses() {
        String line = "7 (my (odd) server) R 1 7 7 0 -1 0 0 0 0 0 33 11 0 0 20 0 1 0 1 1 1";

        assertThat(ProcStat.cpuTicks(line)).isEqualTo(44);
    }

    @Test
    void rejectsATruncatedLine() {
        assertThatThrownBy(() -> ProcStat.cpuTicks("7 (x) R 1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: at least 15 fields");
    }

    @Test
    void readsThisProcess() {
        assertThat(ProcStat.readTicks(ProcessHandle.current().pid())).isPresent();
        assertThat(ProcStat.readTicks(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void cpuUsagePerThousandRequests() {
        CpuUsage usage = CpuUsage.of(250, 100, 10_000, 5.0);

        assertThat(usage.seconds()).isEqualTo(2.5);
        assertThat(usage.perThousandRequests()).isEqualTo(0.25);
        assertThat(usage.cores()).isEqualTo(0.5);
    }
}
