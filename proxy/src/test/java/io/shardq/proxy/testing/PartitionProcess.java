package io.shardq.proxy.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A partition-server node as a child process ({@code java -jar partition-server-*-all.jar}) on free ports;
 * its public URL is read from the {@code public http://…} line it prints. {@link #kill()} is {@code kill -9}.
 */
public final class PartitionProcess implements AutoCloseable {

    private final ChildProcess process;

    private PartitionProcess(ChildProcess process) {
        this.process = process;
    }

    /** Starts a node with {@code args} after the port options and waits for its public URL. */
    public static PartitionProcess start(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--public-port", "0", "--admin-port", "0"));
        all.addAll(List.of(args));
        return new PartitionProcess(ChildProcess.start("partition-server", List.of("public"), all));
    }

    public String publicUrl() {
        return process.url("public");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, open connections are reset by the kernel. */
    public void kill() throws InterruptedException {
        process.kill();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
