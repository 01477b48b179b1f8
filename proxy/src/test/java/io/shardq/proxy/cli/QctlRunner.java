package io.shardq.proxy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBarConsumer;

/** Runs qctl in-process, as {@code scripts/qctl} would, capturing its exit code, stdout and stderr. */
final class QctlRunner {

    /** What one run of qctl printed and returned. */
    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private QctlRunner() {
    }

    /** stdout is not a terminal (no progress bar); {@code --wait} polls every millisecond. */
    static Run run(Map<String, String> env, String... args) {
        return run(env, null, args);
    }

    /** As if stdout were a terminal whose progress bars {@code terminal} draws. */
    static Run run(Map<String, String> env, Supplier<ProgressBarConsumer> terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = QctlMain.commandLine(new QctlMain(env, terminal, Duration.ofMillis(1)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
