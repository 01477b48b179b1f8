package io.shardq.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LoadgenMainTest {

    private static LoadConfig parse(String... args) {
        CommandLine cli = LoadgenMain.commandLine();
        cli.parseArgs(args);
        return ((LoadgenMain) cli.getCommand()).toConfig();
    }

    @Test
    void defaultsMirrorZaqarBench() {
        LoadConfig config = parse("--url", "http://127.0.0.1:8888");

        assertThat(config.producers()).isEqualTo(4);
        assertThat(config.consumers()).isEqualTo(4);
        assertThat(config.observers()).isEqualTo(4);
        assertThat(config.durationSeconds()).isEqualTo(10);
        assertThat(config.queues()).isEqualTo(4);
        assertThat(config.queueNames()).containsExactly(
                "ogre-test-queue-0", "ogre-test-queue-1", "ogre-test-queue-2", "ogre-test-queue-3");
        assertThat(config.claimLimit()).isEqualTo(5);
        assertThat(config.listLimit()).isEqualTo(5);
        assertThat(config.claimTtl()).isEqualTo(300);
        assertThat(config.claimGrace()).isEqualTo(200);
        assertThat(config.messageTtl()).isEqualTo(60);
        assertThat(config.messageSize()).isEqualTo(60);
        assertThat(config.project()).isEqualTo("loadgen");
        assertThat(config.serverPid()).isEmpty();
        assertThat(config.cleanup()).isTrue();
        assertThat(config.output()).isEqualTo(OutputFormat.text);
        assertThat(config.rate()).isZero();
        assertThat(config.problems()).isEmpty();
    }

    @Test
    void everyOptionOverrides() {
        LoadConfig config = parse("--url", "http://h:1/", "-p", "1", "-c", "2", "-o", "3", "-t", "7",
                "--warmup", "2", "--queues", "1", "--queue-prefix", "q", "--message-size", "1024",
                "--message-ttl", "120", "--claim-limit", "20", "--claim-ttl", "60", "--claim-grace", "60",
                "--list-limit", "10", "--project", "p1", "--server-pid", "4242", "--clock-ticks", "250",
                "--timeout", "500", "--no-cleanup", "--output", "JSON", "--rate", "3000");

        assertThat(config).isEqualTo(new LoadConfig("http://h:1/", 1, 2, 3, 7, 2, 1, "q", 1024, 120, 20, 60, 60,
                10, "p1", java.util.OptionalLong.of(4242), 250, 500, false, OutputFormat.json, 3000));
    }

    @Test
    void invalidValuesAreAllReportedAtOnce() {
        LoadConfig config = parse("--url", "ftp://x", "-p", "-1", "--claim-limit", "21", "--duration", "0", "--rate", "-5");

        assertThat(config.problems()).containsExactly(
                "url: ftp://x (expected: http://host:port or https://host:port)",
                "--producers: -1 (expected: >= 0)",
                "--duration: 0 (expected: >= 1)",
                "--claim-limit: 21 (expected: 1..20)",
                "--rate: -5 (expected: >= 0)");
    }

    @Test
    void missingUrlIsAUsageError() {
        CommandLine cli = LoadgenMain.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));

        assertThat(cli.execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--url=URL'");
    }

    @Test
    void helpDocumentsEveryOption() {
        String help = LoadgenMain.commandLine().getUsageMessage();

        assertThat(help).contains("--url", "--producers", "--consumers", "--observers", "--duration", "--warmup",
                "--queues", "--message-size", "--claim-limit", "--list-limit", "--project", "--rate", "--server-pid",
                "--[no-]cleanup", "--output", "text, json");
    }
}
