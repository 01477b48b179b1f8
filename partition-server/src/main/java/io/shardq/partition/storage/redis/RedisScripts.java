package io.shardq.partition.storage.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.shardq.common.concurrent.Failures;
import io.shardq.partition.storage.StorageException;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs {@link RedisScript}s with EVALSHA, falling back to EVAL (which also caches the script) when the
 * server answers NOSCRIPT, e.g. after a restart or SCRIPT FLUSH. Every backend failure — connection lost,
 * command timeout, script error — completes the stage with {@link StorageUnavailableException}.
 */
final class RedisScripts {

    private final RedisAsyncCommands<String, String> redis;

    RedisScripts(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    /** Runs {@code script} on {@code keys} with {@code args}; the reply's Java type follows {@code type}. */
    <T> CompletionStage<T> run(RedisScript script, ScriptOutputType type, String[] keys, String... args) {
        CompletableFuture<T> result = new CompletableFuture<>();
        RedisFuture<T> first = redis.evalsha(script.sha(), type, keys, args);
        first.whenComplete((reply, error) -> {
            if (error instanceof RedisNoScriptException) {
                RedisFuture<T> again = redis.eval(script.text(), type, keys, args);
                again.whenComplete((r, e) -> complete(result, r, e, script.name()));
            } else {
                complete(result, reply, error, script.name());
            }
        });
        return result;
    }

    /** Runs one plain command, mapping its failures like {@link #run}. */
    <T> CompletionStage<T> call(String what, Supplier<RedisFuture<T>> command) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            command.get().whenComplete((reply, error) -> complete(result, reply, error, what));
        } catch (RuntimeException e) {
            complete(result, null, e, what);
        }
        return result;
    }

    private static <T> void complete(CompletableFuture<T> result, T reply, Throwable error, String what) {
        if (error == null) {
            result.complete(reply);
            return;
        }
        Throwable cause = Failures.cause(error);
        result.completeExceptionally(cause instanceof StorageException ? cause
                : new StorageUnavailableException("redis " + what.toLowerCase() + " failed: " + cause.getMessage(),
                        cause));
    }
}
