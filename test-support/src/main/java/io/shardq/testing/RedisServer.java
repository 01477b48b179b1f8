package io.shardq.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} child process on a free loopback port, without persistence, in a
 * temporary directory. {@link #stop()} kills it; {@link #start()} may be called again (same port) to
 * simulate a restart. A server still running when the JVM exits is killed by a shutdown hook, so that a
 * test that forgot to stop it (or failed before it could) leaves no process behind.
 */
public final class RedisServer implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 10_000;

    private final int port;
    private final Path dir;
    private Process process;

    public RedisServer() {
        this.port = FreePorts.pick();
        try {
            this.dir = Files.createTempDirectory("redis-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String binary() {
        String fromEnv = System.getenv("REDIS_SERVER");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "redis-server";
    }

    public synchronized RedisServer start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        List<String> command = List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "redis-server-" + port + "-reaper"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary()
                    + " (install it: apt-get install -y redis-server)", e);
        }
        awaitPing();
        return this;
    }

    private void awaitPing() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue());
            }
            if (ping()) {
                return;
            }
            sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PING on port " + port);
    }

    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[7];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the process (SIGKILL) and waits for it to exit. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
