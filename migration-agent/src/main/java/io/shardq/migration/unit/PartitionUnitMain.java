package io.shardq.migration.unit;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import io.shardq.common.config.ConfigException;
import io.shardq.common.lifecycle.Lifecycle;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scripts/partition-unit}: one storage, served by a partition-server node and the partition's agent. */
@Command(name = "partition-unit", mixinStandardHelpOptions = true, subcommands = PartitionUnitMain.Check.class,
        description = {"Runs one partition unit: a partition-server node (the Zaqar queue API and its admin "
                + "listener) and the partition's migration agent, over one storage opened once.",
                "Prints \"public http://…\", \"admin http://…\" and \"agent http://…\" once listening."})
public final class PartitionUnitMain implements Callable<Integer> {

    @Mixin
    UnitOptions options = new UnitOptions();

    public static void main(String[] args) {
        System.exit(new CommandLine(new PartitionUnitMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        UnitConfig config;
        try {
            config = options.resolve();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        MetricRegistry metrics = new MetricRegistry();
        metrics.registerAll("jvm.memory", new MemoryUsageGaugeSet());
        Storage storage = StorageFactory.create(config.partition().storage(), Clock.systemUTC());
        PartitionUnit unit = PartitionUnit.start(config, storage, Clock.systemUTC(), metrics);
        Lifecycle.announceAndAwait(List.of("public " + unit.publicUrl(), "admin " + unit.adminUrl(),
                "agent " + unit.agentUrl()), unit::stop);
        return 0;
    }

    /** {@code partition-unit check [--config FILE] [flags]}: validates the settings and exits. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates the configuration and exits.")
    static final class Check implements Callable<Integer> {

        @Mixin
        UnitOptions options = new UnitOptions();

        @Override
        public Integer call() {
            try {
                UnitConfig config = options.resolve();
                System.out.println("configuration OK: storage " + config.partition().storage().type()
                        + ", public port " + config.partition().publicApi().port() + ", admin port "
                        + config.partition().admin().port() + ", agent port " + config.agent().port());
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }
    }
}
