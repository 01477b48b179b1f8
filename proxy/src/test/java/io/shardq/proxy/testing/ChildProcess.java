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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One of our servers as a child process ({@code java -jar MODULE-*-all.jar ARGS}), started and waited for
 * until it printed every {@code NAME http://…} line asked for; its output goes to
 * {@code target/child-logs/MODULE-PID.log}. {@link #kill()} is {@code kill -9}.
 */
public final class ChildProcess implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final Map<String, String> urls;

    private ChildProcess(Process process, Map<String, String> urls) {
        this.process = process;
        this.urls = urls;
    }

    /**
     * Starts the shaded jar of {@code module} with {@code args} and waits for a {@code NAME http://…} line
     * for each of {@code announced}.
     */
    public static ChildProcess start(String module, List<String> announced, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                jar(module).toString()));
        command.addAll(args);
        Path logs = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "child-logs");
        Files.createDirectories(logs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        java.io.Writer log = Files.newBufferedWriter(logs.resolve(module + "-" + process.pid() + ".log"));
        List<String> lines = new ArrayList<>();
        Map<String, String> urls = new ConcurrentHashMap<>();
        CountDownLatch ready = new CountDownLatch(announced.size());
        CountDownLatch exited = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    for (String name : announced) {
                        if (line.startsWith(name + " http://") && urls.putIfAbsent(name,
                                line.substring(name.length() + 1).trim()) == null) {
                            ready.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                // the process died: its output ends here
            } finally {
                try {
                    log.close();
                } catch (IOException e) {
                    // nothing more to keep
                }
            }
            exited.countDown();
        }, module + "-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
        while (!ready.await(100, TimeUnit.MILLISECONDS)) {
            if (exited.getCount() == 0 || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                synchronized (lines) {
                    throw new IllegalStateException("no " + announced + " from " + command + ": " + lines);
                }
            }
        }
        return new ChildProcess(process, Map.copyOf(urls));
    }

    /** The shaded jar the reactor packaged before the proxy's integration tests. */
    static Path jar(String module) {
        Path here = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path target = here.resolveSibling(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*-all\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + module + "-*-all.jar in " + target
                            + " (run: mvn -pl proxy -am verify, which packages it first)"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The URL announced as {@code name}. */
    public String url(String name) {
        return urls.get(name);
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
