package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportFormatterTest {

    private static Report sample(CpuUsage serverCpu) {
        List<OpReport> ops = List.of(
                new OpReport("post", 1000, 100.0, 0.5, 2.25, 10.0, 3, Map.of("503", 2L, "io", 1L)),
                new OpReport("claim", 500, 50.0, 0.75, 3.0, 12.5, 0, Map.of()),
                new OpReport("delete", 400, 40.0, 0.25, 1.0, 2.0, 0, Map.of()),
                new OpReport("list", 100, 10.0, 1.0, 4.0, 8.0, 0, Map.of()));
        OpReport total = new OpReport("total", 2000, 200.0, 0.5, 3.0, 12.5, 3, Map.of("503", 2L, "io", 1L));
        return new Report("http://127.0.0.1:8888", 4, 4, 4, 0, List.of("q-0", "q-1"), 10.0, ops, total, 400, 100,
                serverCpu, new CpuUsage(1.0, 0.5, 0.1));
    }

    @Test
    void textTableHasOneRowPerOperationAndTotals() {
        String text = ReportFormatter.text(sample(new CpuUsage(4.0, 1.996, 0.4)));

        assertThat(text.lines()).containsSubsequence(
                "loadgen http://127.0.0.1:8888: 4 producers, 4 consumers, 4 observers, 2 queues, 10.0 s, unpaced",
                "op           count       req/s    p50 ms    p99 ms    max ms  errors",
                "post          1000       100.0     0.500     2.250    10.000  3 (503:2 io:1)",
                "claim          500        50.0     0.750     3.000    12.500  0",
                "delete         400        40.0     0.250     1.000     2.000  0",
                "list           100        10.0     1.000     4.000     8.000  0",
                "total         2000       200.0     0.500     3.000    12.500  3 (503:2 io:1)",
                "claims: 400 messages claimed, 100 claims found nothing",
                "server cpu: 4.00 s (0.40 cores), 1.996 s per 1k requests",
                "client cpu: 1.00 s (0.10 cores), 0.500 s per 1k requests");
    }

    @Test
    void serverCpuIsNotApplicableWithoutAPid() {
        assertThat(ReportFormatter.text(sample(null))).contains("server cpu: n/a");
        assertThat(ReportFormatter.json(sample(null))).doesNotContain("serverCpu");
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportFormatter.json(sample(new CpuUsage(4.0, 1.996, 0.4))));

        assertThat(json.path("operations").get(0).path("op").asText()).isEqualTo("post");
        assertThat(json.path("operations").get(0).path("errors").path("503").asLong()).isEqualTo(2);
        assertThat(json.path("total").path("perSecond").asDouble()).isEqualTo(200.0);
        assertThat(json.path("serverCpu").path("perThousandRequests").asDouble()).isEqualTo(1.996);
        assertThat(json.path("queues")).hasSize(2);
    }

    @Test
    void opReportFromHistogramIsInMillisecondsAndLabelsTransportErrors() {
        Histogram micros = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            micros.recordValue(i * 100L);
        }

        OpReport op = OpReport.of("post", micros, Map.of(503, 4L, HttpResult.IO_ERROR, 1L), 10.0);

        assertThat(op.count()).isEqualTo(100);
        assertThat(op.perSecond()).isEqualTo(10.0);
        assertThat(op.p50Ms()).isCloseTo(5.0, within(0.01));
        assertThat(op.p99Ms()).isCloseTo(9.9, within(0.01));
        assertThat(op.maxMs()).isCloseTo(10.0, within(0.01));
        assertThat(op.errorCount()).isEqualTo(5);
        assertThat(op.errors()).containsOnly(Map.entry("503", 4L), Map.entry("io", 1L));
    }
}
