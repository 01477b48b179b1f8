package io.shardq.proxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A partition-server node as a child process ({@code java -jar partition-server-*-all.jar}) on free ports;
 * its public URL is read from the {@code public http://…} line it prints. {@link #kill()} is {@code kill -9}.
 */
public final class PartitionProcess implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final String publicUrl;

    private PartitionProcess(Process process, String publicUrl) {
        this.process = process;
        this.publicUrl = publicUrl;
    }

    /** Starts a node with {@code args} after the port options and waits for its public URL. */
    public static PartitionProcess start(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar().toString(), "--public-port", "0", "--admin-port", "0"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    if (line.startsWith("public http://")) {
                        url.complete(line.substring("public ".length()).trim());
                    }
                }
            } catch (IOException e) {
                // the process died: its output ends here
            }
            url.completeExceptionally(new IllegalStateException("partition server exited: " + lines));
        }, "partition-process-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new PartitionProcess(process, url.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            synchronized (lines) {
                throw new IllegalStateException("no public URL from " + command + ": " + lines, e);
            }
        }
    }

    /** The shaded jar the reactor packaged before the proxy's integration tests. */
    static Path jar() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path target = module.resolveSibling("partition-server").resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("partition-server-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no partition-server-*-all.jar in " + target
                            + " (run: mvn -pl proxy -am verify, which packages partition-server first)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    public String publicUrl() {
        return publicUrl;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, open connections are reset by the kernel. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
