package io.shardq.common.concurrent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What failed a stage or a future, past the wrappers that completion adds. */
public final class Failures {

    private Failures() {
    }

    /** {@code failure} without its {@link CompletionException} and {@link ExecutionException} wrappers. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
