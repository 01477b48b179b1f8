package io.shardq.partition.storage.memory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Runs in-memory work on the caller's thread and hands the outcome back as an already-completed stage. */
final class Stages {

    private Stages() {
    }

    /** Completes with the supplier's value, or fails with what it threw; never throws itself. */
    static <T> CompletionStage<T> call(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Completes with {@code null} once {@code work} ran, or fails with what it threw. */
    static CompletionStage<Void> run(Runnable work) {
        return call(() -> {
            work.run();
            return null;
        });
    }
}
