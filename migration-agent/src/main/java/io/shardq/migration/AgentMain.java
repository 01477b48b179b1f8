package io.shardq.migration;

import io.shardq.common.lifecycle.Lifecycle;
import io.shardq.partition.config.StorageConfig;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scripts/migration-agent}: opens the partition's storage, serves the agent routes, runs until stopped. */
@Command(name = "migration-agent", mixinStandardHelpOptions = true,
        description = "Runs the migration agent of one partition: raw export/import, fences and copies over HTTP "
                + "(docs/MIGRATION_AGENT.md). Prints \"agent http://HOST:PORT\" once listening.")
public final class AgentMain implements Callable<Integer> {

    @Option(names = "--host", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host = AgentServer.DEFAULT_HOST;

    @Option(names = "--port", description = "Port (0 = any free port; default ${DEFAULT-VALUE}).")
    int port = 0;

    @Option(names = "--storage", description = "The partition's storage: memory, redis, mongo or embedded (default memory).")
    String storage = StorageConfig.DEFAULT_TYPE;

    @Option(names = "--storage-uri", description = "redis://host:port, mongodb://…, or file:///dir for embedded.")
    String storageUri;

    @Option(names = "--storage-database", description = "MongoDB database of storage type mongo (default shardq).")
    String storageDatabase;

    @Option(names = "--token", defaultValue = "${env:AGENT_TOKEN}",
            description = "Bearer token clients must send and that is sent to destination agents "
                    + "(default: environment AGENT_TOKEN; none = no authentication).")
    String token;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AgentMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<String> problems = validate();
        if (!problems.isEmpty()) {
            problems.forEach(System.err::println);
            return 2;
        }
        Storage store = StorageFactory.create(new StorageConfig(storage, storageUri, storageDatabase), Clock.systemUTC());
        AgentServer agent = AgentServer.start(store, host, port, token == null || token.isEmpty() ? null : token);
        Lifecycle.announceAndAwait(List.of("agent " + agent.url()), () -> {
            agent.stop();
            store.close();
        });
        return 0;
    }

    private List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (!StorageConfig.TYPES.contains(storage)) {
            problems.add("--storage: " + storage + " (expected: one of memory, redis, mongo, embedded)");
        }
        if (storage.equals("redis") && (storageUri == null || !storageUri.startsWith("redis://"))) {
            problems.add("--storage-uri: " + storageUri + " (expected: redis://host:port for --storage redis)");
        }
        if (storage.equals("mongo") && (storageUri == null || !storageUri.startsWith("mongodb"))) {
            problems.add("--storage-uri: " + storageUri + " (expected: mongodb://… for --storage mongo)");
        }
        if (port < 0 || port > 65_535) {
            problems.add("--port: " + port + " (expected: 0 to 65535)");
        }
        return problems;
    }
}
