package io.shardq.partition.storage.mongo;

import com.mongodb.MongoException;
import io.shardq.partition.storage.StorageException;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs blocking MongoDB driver calls on a bounded, named pool, so that no caller (a Netty event loop in
 * particular) ever blocks. Driver failures become {@link StorageUnavailableException}; domain exceptions
 * pass through unchanged. When the pool and its queue are full, calls fail fast instead of piling up.
 */
final class MongoCalls implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    MongoCalls(int threads, int queuedCalls) {
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queuedCalls), new NamedThreads("shardq-mongo-"));
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code task} on the pool; the stage completes with its result or its (mapped) failure. */
    <T> CompletionStage<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (Throwable failure) {
                    result.completeExceptionally(map(failure));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StorageUnavailableException("MongoDB call queue is full", e));
        }
        return result;
    }

    /** Like {@link #call(Callable)} for a task without a result. */
    CompletionStage<Void> run(ThrowingRunnable task) {
        return call(() -> {
            task.run();
            return null;
        });
    }

    static Throwable map(Throwable failure) {
        if (failure instanceof StorageException) {
            return failure;
        }
        if (failure instanceof MongoException || failure instanceof InterruptedException) {
            return new StorageUnavailableException("MongoDB failed: " + failure.getMessage(), failure);
        }
        return failure;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static final class NamedThreads implements ThreadFactory {

        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
