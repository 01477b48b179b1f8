package io.shardq.partition.storage.redis;

import static io.lettuce.core.ScriptOutputType.INTEGER;
import static io.lettuce.core.ScriptOutputType.MULTI;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * Claims in Redis. Creating a claim is one script that walks the queue's free set in position order, so
 * two nodes can never claim one message twice, and never take a claimed, delayed or expired one.
 */
final class RedisClaimStore implements ClaimStore {

    private final RedisScripts scripts;
    private final RedisKeys keys;
    private final Clock clock;

    RedisClaimStore(RedisScripts scripts, RedisKeys keys, Clock clock) {
        this.scripts = scripts;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Claim> create(QueueRef ref, ClaimSpec spec) {
        String id = UUID.randomUUID().toString();
        String[] args = {now(), id, Integer.toString(spec.ttl()), Integer.toString(spec.grace()),
                Integer.toString(spec.limit())};
        String[] queueKeys = keys.queue(ref).all();
        ClaimSpec.DeadLetter dead = spec.deadLetter();
        if (dead != null) {
            args = Stream.concat(Stream.of(args), Stream.of(dead.queue(), Integer.toString(dead.maxClaimCount()),
                    Integer.toString(dead.ttl()))).toArray(String[]::new);
            String[] deadKeys = keys.queue(QueueRef.of(ref.project(), dead.queue())).all();
            queueKeys = Stream.concat(Stream.of(queueKeys), Stream.of(deadKeys)).toArray(String[]::new);
        }
        return scripts.<List<Object>>run(RedisScript.CLAIM, MULTI, queueKeys, args)
                .thenApply(reply -> RedisReplies.claim(id, reply));
    }

    @Override
    public CompletionStage<Claim> get(QueueRef ref, String claimId) {
        return scripts.<List<Object>>run(RedisScript.GET_CLAIM, MULTI, keys.queue(ref).all(), now(), claimId)
                .thenApply(reply -> {
                    if (reply == null || reply.isEmpty() || reply.get(0) == null) {
                        throw new ClaimNotFoundException(ref, claimId);
                    }
                    return RedisReplies.claim(claimId, reply);
                });
    }

    @Override
    public CompletionStage<Void> update(QueueRef ref, String claimId, int ttl, int grace) {
        return scripts.<Long>run(RedisScript.UPDATE_CLAIM, INTEGER, keys.queue(ref).all(), now(), claimId,
                        Integer.toString(ttl), Integer.toString(grace))
                .thenApply(updated -> {
                    if (updated == 0) {
                        throw new ClaimNotFoundException(ref, claimId);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> release(QueueRef ref, String claimId) {
        return scripts.<Long>run(RedisScript.RELEASE_CLAIM, INTEGER, keys.queue(ref).all(), now(), claimId)
                .thenApply(reply -> null);
    }

    private String now() {
        return Long.toString(clock.millis());
    }
}
