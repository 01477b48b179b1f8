package io.shardq.proxy.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.common.json.Json;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code scripts/qctl}: the operator CLI over the proxy's admin API. Holds the global options (valid before
 * or after any subcommand), builds the {@link AdminClient}, prints, and turns failures into exit codes.
 */
@Command(name = "qctl", mixinStandardHelpOptions = true, version = "qctl (shardq) 0.1",
        description = "The shardq operator CLI: partitions, catalogue, migrations and health through the proxy's "
                + "admin API.",
        subcommands = {PartitionsCommand.class, CatalogueCommand.class, MigrateCommand.class, MigrationsCommand.class,
                HealthCommand.class, CompletionCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the admin API answered with an error (its title, description and a hint are printed),"
                + " or a migration or drain waited for (--wait) failed", "2:usage error", "3:cannot reach the admin API",
                "4:health: some partition has no healthy node",
                "5:catalogue regenerate: some partition could not be asked, or some queue is held by several"},
        footer = {"%nEnvironment: QCTL_URL (default --url), ADMIN_TOKEN (default --token).",
                "Bash completion: source <(scripts/qctl completion)"})
public final class QctlMain implements Runnable {

    public static final String DEFAULT_URL = "http://127.0.0.1:8081";
    /** How often {@code --wait} asks for a migration's record; drains ask {@link #DRAIN_POLL_FACTOR} times less. */
    static final Duration DEFAULT_POLL = Duration.ofMillis(200);
    static final int DRAIN_POLL_FACTOR = 5;
    static final int EXIT_API_ERROR = 1;
    static final int EXIT_UNREACHABLE = 3;
    static final int EXIT_UNHEALTHY = 4;
    static final int EXIT_INCOMPLETE = 5;

    /** How results are printed. */
    enum Output { table, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Admin URL of the proxy (default: $QCTL_URL, else " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            description = "Admin bearer token (default: $ADMIN_TOKEN).")
    String token;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "table (aligned columns, the default) or json (the admin API's JSON).")
    Output output;

    private final Map<String, String> env;
    /** Where progress bars are drawn; null when stdout is not a terminal (a pipe, a file, a script). */
    private final Supplier<ProgressBarConsumer> terminal;
    private final Duration poll;

    public QctlMain(Map<String, String> env) {
        this(env, System.console() != null ? () -> new ConsoleProgressBarConsumer(System.out) : null, DEFAULT_POLL);
    }

    QctlMain(Map<String, String> env, Supplier<ProgressBarConsumer> terminal, Duration poll) {
        this.env = requireNonNull(env, "env");
        this.terminal = terminal;
        this.poll = requireNonNull(poll, "poll");
    }

    public static void main(String[] args) {
        System.exit(commandLine(new QctlMain(System.getenv())).execute(args));
    }

    /** The configured command line: case-insensitive enums, API failures mapped to exit codes. */
    static CommandLine commandLine(QctlMain qctl) {
        CommandLine cli = new CommandLine(qctl);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(QctlMain::handle);
        return cli;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: partitions, catalogue, migrate, migrations, health or completion");
    }

    private static int handle(Exception failure, CommandLine cli, ParseResult parsed) throws Exception {
        PrintWriter err = cli.getErr();
        if (failure instanceof AdminApiException api) {
            err.println("error: " + api.headline());
            err.println("hint: " + api.hint());
            err.flush();
            return EXIT_API_ERROR;
        }
        if (failure instanceof AdminUnreachableException unreachable) {
            err.println("error: " + unreachable.getMessage());
            err.println("hint: " + unreachable.hint());
            err.flush();
            return EXIT_UNREACHABLE;
        }
        throw failure;
    }

    AdminClient client() {
        String raw = url != null ? url : env.getOrDefault("QCTL_URL", DEFAULT_URL);
        return new AdminClient(httpUri("--url", raw), token != null ? token : env.get("ADMIN_TOKEN"));
    }

    /** {@code value} as an absolute http(s) URI, else a usage error naming {@code option}. */
    URI httpUri(String option, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), option + ": " + value + " (expected: http://host:port)");
    }

    boolean json() {
        return output == Output.json;
    }

    /** True when a live progress bar is drawn: stdout is a terminal and the output is a table. */
    boolean showsProgress() {
        return terminal != null && !json();
    }

    /** A progress bar when {@link #showsProgress()}, else nothing. */
    Progress progress(String task, String unit) {
        return showsProgress() ? Progress.bar(terminal.get(), task, unit) : Progress.none();
    }

    Duration poll() {
        return poll;
    }

    /** Waits {@code interval} between two polls of the admin API. */
    static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    CommandLine commandLine() {
        return spec.commandLine();
    }

    void printJson(JsonNode body) {
        try {
            out().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
            out().flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void println(String line) {
        out().println(line);
        out().flush();
    }
}
