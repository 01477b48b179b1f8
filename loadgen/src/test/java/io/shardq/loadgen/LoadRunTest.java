package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class LoadRunTest {

    private static LoadConfig config(String url, boolean cleanup) {
        return config(url, cleanup, 1, 0);
    }

    private static LoadConfig config(String url, boolean cleanup, int seconds, int rate) {
        return new LoadConfig(url, 2, 2, 2, seconds, 0, 2, "loadgen-test", 100, 60, 5, 300, 200, 5, "p1",
                OptionalLong.of(ProcessHandle.current().pid()), 100, 5000, cleanup, OutputFormat.text, rate);
    }

    @Test
    void shortRunExercisesEveryOperationAndDeletesWithClaimIds() throws Exception {
        try (FakeZaqarServer fake = FakeZaqarServer.start()) {
            Report report = new LoadRun(config(fake.url(), true), System.err).run();

            for (OpReport op : report.operations()) {
                assertThat(op.count()).as(op.op()).isPositive();
                assertThat(op.errorCount()).as(op.op()).isZero();
                assertThat(op.p50Ms()).as(op.op()).isPositive();
            }
            OpReport deletes = report.operations().get(Op.DELETE.ordinal());
            assertThat(fake.deletesWithClaim.get()).isGreaterThanOrEqualTo(deletes.count());
            assertThat(fake.deletesRejected.get()).isZero();
            assertThat(fake.missingHeaders.get()).isZero();
            assertThat(report.claimedMessages()).isGreaterThanOrEqualTo(deletes.count());
            assertThat(report.serverCpu()).isNotNull();
            assertThat(report.clientCpu()).isNotNull();
            assertThat(fake.hasQueue("loadgen-test-0")).isFalse();
        }
    }

    @Test
    void aPacedRunOffersTheGivenRate() throws Exception {
        try (FakeZaqarServer fake = FakeZaqarServer.start()) {
            Report report = new LoadRun(config(fake.url(), true, 2, 300), System.err).run();

            assertThat(report.offeredRate()).isEqualTo(300);
            assertThat(report.total().perSecond()).isBetween(240.0, 310.0);
            assertThat(ReportFormatter.text(report)).contains("paced at 300 req/s offered");
        }
    }

    @Test
    void keepsTheQueuesWithoutCleanup() throws Exception {
        try (FakeZaqarServer fake = FakeZaqarServer.start()) {
            new LoadRun(config(fake.url(), false), System.err).run();

            assertThat(fake.hasQueue("loadgen-test-0")).isTrue();
            assertThat(fake.hasQueue("loadgen-test-1")).isTrue();
        }
    }

    @Test
    void mainPrintsTheTableAndExitsZero() throws Exception {
        try (FakeZaqarServer fake = FakeZaqarServer.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            picocli.CommandLine cli = LoadgenMain.commandLine();
            cli.setOut(new java.io.PrintWriter(out, true));

            int exit = cli.execute("--url", fake.url(), "--duration", "1", "-p", "1", "-c", "1", "-o", "1",
                    "--output", "json");

            assertThat(exit).isZero();
            assertThat(out.toString()).contains("\"op\" : \"post\"", "\"op\" : \"delete\"", "\"clientCpu\"");
        }
    }
}
