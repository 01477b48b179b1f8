package io.shardq.partition;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import io.shardq.common.config.ConfigException;
import io.shardq.common.lifecycle.Lifecycle;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;

/** {@code scripts/partition-server}: loads and validates the config, wires the server, runs until stopped. */
@Command(name = "partition-server", mixinStandardHelpOptions = true, subcommands = PartitionServerMain.Check.class,
        description = "Runs one partition-server node: the Zaqar v2/v1.1 queue API over one storage.")
public final class PartitionServerMain implements Callable<Integer> {

    @Mixin
    ServerOptions options = new ServerOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PartitionServerMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PartitionServerConfig resolved;
        try {
            resolved = options.resolve();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        MetricRegistry metrics = new MetricRegistry();
        metrics.registerAll("jvm.memory", new MemoryUsageGaugeSet());
        Storage store = StorageFactory.create(resolved.storage(), Clock.systemUTC());
        PartitionServer server = new PartitionServer(resolved, store, Clock.systemUTC(), metrics).start();
        Lifecycle.announceAndAwait(List.of("public " + server.publicUrl(), "admin " + server.adminUrl()),
                server::stop);
        return 0;
    }

    /** {@code partition-server check --config FILE}: validates the configuration and exits. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates the configuration and exits.")
    static final class Check implements Callable<Integer> {

        @Mixin
        ServerOptions options = new ServerOptions();

        @Override
        public Integer call() {
            try {
                PartitionServerConfig resolved = options.resolve();
                System.out.println("configuration OK: storage " + resolved.storage().type() + ", public port "
                        + resolved.publicApi().port() + ", admin port " + resolved.admin().port());
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
