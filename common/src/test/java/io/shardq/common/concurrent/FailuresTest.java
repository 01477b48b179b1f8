package io.shardq.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void causeLooksPastEveryCompletionWrapper() {
        IllegalStateException root = new IllegalStateException("root");
        assertThat(Failures.cause(new CompletionException(new ExecutionException(new CompletionException(root)))))
                .isSameAs(root);
        assertThat(Failures.cause(root)).isSameAs(root);
    }

    @Test
    void aWrapperWithoutACauseIsTheCause() {
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(Failures.cause(empty)).isSameAs(empty);
    }
}
