package io.shardq.migration;

import io.shardq.common.config.ConfigException;
import io.shardq.common.lifecycle.Lifecycle;
import io.shardq.migration.config.AgentConfig;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scripts/migration-agent}: opens the partition's storage, serves the agent routes, runs until stopped. */
@Command(name = "migration-agent", mixinStandardHelpOptions = true, subcommands = AgentMain.Check.class,
        description = "Runs the migration agent of one partition: raw export/import, fences and copies over HTTP "
                + "(docs/MIGRATION_AGENT.md). Prints \"agent http://HOST:PORT\" once listening.")
public final class AgentMain implements Callable<Integer> {

    @Mixin
    AgentOptions options = new AgentOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        AgentConfig config;
        try {
            config = options.resolve();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Storage store = StorageFactory.create(config.storage(), Clock.systemUTC());
        AgentServer agent = AgentServer.start(store, config.host(), config.port(), config.token());
        Lifecycle.announceAndAwait(List.of("agent " + agent.url()), () -> {
            agent.stop();
            store.close();
        });
        return 0;
    }

    /** {@code migration-agent check [--config FILE] [flags]}: validates the settings and exits. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates the configuration and exits.")
    static final class Check implements Callable<Integer> {

        @Mixin
        AgentOptions options = new AgentOptions();

        @Override
        public Integer call() {
            try {
                AgentConfig config = options.resolve();
                System.out.println("configuration OK: storage " + config.storage().type() + ", port " + config.port());
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
