package io.shardq.testing;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for asynchronous results in tests. */
public final class Stages {

    private Stages() {
    }

    /**
     * Waits up to {@code seconds} for the stage; a failure is rethrown as its cause, so tests can assert
     * on the exception type; no answer in time is an {@link IllegalStateException}.
     */
    public static <T> T await(CompletionStage<T> stage, long seconds) {
        try {
            return stage.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + seconds + " s", e);
        }
    }
}
