package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.QueueKey;
import io.shardq.partition.storage.QueueRef;
import io.shardq.proxy.testing.FleetExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real python-zaqarclient (scripts/compat/zaqarclient-check) against the proxy in front of two
 * partitions: every step passes, and the queue it creates is catalogued on the partition that holds it,
 * then gone from the catalogue once the client deleted it.
 */
class ProxyCompatIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1).build();

    private static final long CHECK_TIMEOUT_SECONDS = 90;
    private static final String PROJECT = "compat-project";

    @Test
    void zaqarclientCheckPassesThroughTheProxyAndItsQueueIsCataloguedThenForgotten() throws Exception {
        String queue = "zqc-proxy-" + Long.toHexString(System.nanoTime());
        QueueKey key = QueueKey.of(PROJECT, queue);

        Result created = check("--queue", queue, "--step", "create queue");
        assertThat(created.exit()).as(created.output()).isZero();
        assertThat(created.output()).contains("ok create queue");
        Optional<CatalogueEntry> entry = fleet.proxy().store().catalogue().lookupFresh(key);
        assertThat(entry).as("catalogue entry of %s", key).isPresent();
        String holder = entry.get().partition();
        for (String partition : List.of("p1", "p2")) {
            boolean present = fleet.storage(partition).queues().metadata(QueueRef.of(PROJECT, queue))
                    .toCompletableFuture().join().isPresent();
            assertThat(present).as("queue on %s (catalogue: %s)", partition, holder).isEqualTo(partition.equals(holder));
        }

        Result full = check("--queue", queue);
        assertThat(full.exit()).as(full.output()).isZero();
        assertThat(full.output()).contains("ok ping", "ok post messages", "ok claim", "ok pop", "ok delete queue")
                .doesNotContain("FAIL");
        assertThat(fleet.proxy().store().catalogue().lookupFresh(key)).isEmpty();
        assertThat(fleet.storage(holder).queues().metadata(QueueRef.of(PROJECT, queue)).toCompletableFuture().join())
                .isEmpty();
    }

    private record Result(int exit, String output) {
    }

    private static Result check(String... args) throws IOException, InterruptedException {
        Path script = repositoryRoot().resolve("scripts/compat/zaqarclient-check");
        List<String> command = new ArrayList<>(List.of(script.toString(), "--url", fleet.proxy().publicUrl(),
                "--project", PROJECT));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("zaqarclient-check", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("zaqarclient-check did not finish within " + CHECK_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The repository root: the parent of the proxy module, Failsafe's working directory. */
    static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path root = module.getParent();
        if (!Files.isExecutable(root.resolve("scripts/compat/zaqarclient-check"))) {
            throw new IllegalStateException("no scripts/compat/zaqarclient-check under " + root);
        }
        return root;
    }
}
