package io.shardq.partition;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import io.shardq.partition.config.ConfigException;
import io.shardq.partition.config.ConfigLoader;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.config.StorageConfig;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/partition-server}: loads and validates the config, wires the server, runs until stopped. */
@Command(name = "partition-server", mixinStandardHelpOptions = true, subcommands = PartitionServerMain.Check.class,
        description = "Runs one partition-server node: the Zaqar v2/v1.1 queue API over one storage.")
public final class PartitionServerMain implements Callable<Integer> {

    @Option(names = "--config", description = "YAML configuration file (see deploy/partition-server.yml).")
    Path config;

    @Option(names = "--public-port", description = "Public API port (0 = any free port).")
    Integer publicPort;

    @Option(names = "--admin-port", description = "Admin port (0 = any free port).")
    Integer adminPort;

    @Option(names = "--storage", description = "Storage type: memory, redis, mongo or embedded.")
    String storage;

    @Option(names = "--storage-uri", description = "redis://host:port, mongodb://…, or file:///dir for embedded.")
    String storageUri;

    @Option(names = "--name", description = "Partition name (logs, fence answers).")
    String name;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PartitionServerMain()).execute(args));
    }

    PartitionServerConfig resolve() {
        PartitionServerConfig loaded = ConfigLoader.load(config).withPorts(publicPort, adminPort);
        if (storage != null || storageUri != null) {
            StorageConfig base = loaded.storage();
            loaded = loaded.withStorage(new StorageConfig(storage == null ? base.type() : storage,
                    storageUri == null ? base.uri() : storageUri, base.database()));
        }
        if (name != null) {
            loaded = loaded.withName(name);
        }
        return ConfigLoader.validate(config == null ? "command line" : config.toString(), loaded);
    }

    @Override
    public Integer call() throws Exception {
        PartitionServerConfig resolved;
        try {
            resolved = resolve();
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        MetricRegistry metrics = new MetricRegistry();
        metrics.registerAll("jvm.memory", new MemoryUsageGaugeSet());
        Storage store = StorageFactory.create(resolved.storage(), Clock.systemUTC());
        PartitionServer server = new PartitionServer(resolved, store, Clock.systemUTC(), metrics).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "shutdown"));
        System.out.println("public " + server.publicUrl());
        System.out.println("admin " + server.adminUrl());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** {@code partition-server check --config FILE}: validates the configuration and exits. */
    @Command(name = "check", mixinStandardHelpOptions = true, description = "Validates the configuration and exits.")
    static final class Check implements Callable<Integer> {

        @CommandLine.ParentCommand
        PartitionServerMain parent;

        @Override
        public Integer call() {
            try {
                PartitionServerConfig resolved = parent.resolve();
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
