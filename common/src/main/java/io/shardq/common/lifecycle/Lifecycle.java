package io.shardq.common.lifecycle;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The tail of every {@code main}: print the lines operators and scripts read (bound URLs, tokens), then
 * block until the JVM is asked to stop, and run {@code stop} from the shutdown hook.
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    public static void announceAndAwait(List<String> lines, Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "shutdown"));
        lines.forEach(System.out::println);
        System.out.flush();
        stopped.await();
    }
}
