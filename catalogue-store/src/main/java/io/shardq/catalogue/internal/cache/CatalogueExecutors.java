package io.shardq.catalogue.internal.cache;

import io.shardq.catalogue.CatalogueConfig;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The caching catalogue's threads: a bounded pool for lookups that miss the local cache
 * ({@code catalogue-lookup-N}) and one scheduler thread for refresh, reconnects and cache drops
 * ({@code catalogue-maintenance}). All daemons.
 */
final class CatalogueExecutors implements AutoCloseable {

    private final ThreadPoolExecutor lookups;
    private final ScheduledExecutorService scheduler;

    CatalogueExecutors(CatalogueConfig config) {
        lookups = new ThreadPoolExecutor(config.lookupThreads(), config.lookupThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(config.lookupQueueSize()), named("catalogue-lookup-"),
                new ThreadPoolExecutor.AbortPolicy());
        scheduler = Executors.newSingleThreadScheduledExecutor(named("catalogue-maintenance-"));
    }

    ExecutorService lookups() {
        return lookups;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        lookups.shutdown();
        try {
            lookups.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
