package io.shardq.partition.storage.redis;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.MessageStore;
import io.shardq.partition.storage.QueueStore;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.StorageUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Redis storage driver: one Lettuce connection (thread-safe, pipelined, asynchronous) shared by the
 * stores, fences and transfer; one daemon thread polls the leases a freeze waits for. All message and claim state changes are Lua scripts, so any number of partition-server
 * nodes may share one Redis. Time comes from the injected {@link Clock} and is passed into every script;
 * Redis' own clock and key expiry are never used for message or claim lifetimes (see docs/STORAGE.md).
 */
public final class RedisStorage implements Storage {

    /** How long a command may take before it fails with {@link StorageUnavailableException}: 5 s. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #isAlive()} waits for PONG: 1 s. */
    public static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    /** How long connecting may take: 2 s. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /**
     * How long a write lease is honoured: a freeze does not wait for leases taken longer ago than this (by the
     * storage clock), so a node that crashed inside a write delays freezes at most this long: 10 s.
     */
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(10);

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;
    private final RedisQueueStore queues;
    private final RedisMessageStore messages;
    private final RedisClaimStore claims;
    private final RedisFenceStore fences;
    private final RedisQueueTransfer transfer;
    private final ScheduledExecutorService scheduler;

    /**
     * Connects to {@code uri} ({@code redis://host:port[/db]}); fails with {@link StorageUnavailableException}
     * if Redis cannot be reached now. Later outages fail single operations; the connection reconnects.
     *
     * @param keyPrefix    prefix of every key, or {@code null} for {@value RedisKeys#DEFAULT_PREFIX}
     * @param leaseTimeout how long a write lease is honoured (default {@link #DEFAULT_LEASE_TIMEOUT})
     */
    public RedisStorage(String uri, Clock clock, String keyPrefix, Duration leaseTimeout) {
        requireNonNull(uri, "uri");
        requireNonNull(clock, "clock");
        requireNonNull(leaseTimeout, "leaseTimeout");
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(DEFAULT_COMMAND_TIMEOUT);
        this.client = RedisClient.create();
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(DEFAULT_COMMAND_TIMEOUT))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            this.connection = client.connect(StringCodec.UTF8, redisUri);
        } catch (RuntimeException e) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            throw new StorageUnavailableException("redis: cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        this.redis = connection.async();
        RedisKeys keys = new RedisKeys(keyPrefix);
        RedisScripts scripts = new RedisScripts(redis);
        this.queues = new RedisQueueStore(scripts, redis, keys, clock);
        this.messages = new RedisMessageStore(scripts, keys, clock);
        this.claims = new RedisClaimStore(scripts, keys, clock);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-fence-poll");
            thread.setDaemon(true);
            return thread;
        });
        this.fences = new RedisFenceStore(scripts, redis, keys, clock, scheduler, leaseTimeout);
        this.transfer = new RedisQueueTransfer(scripts, redis, keys, clock);
    }

    /** Connects with the default lease timeout. */
    public RedisStorage(String uri, Clock clock, String keyPrefix) {
        this(uri, clock, keyPrefix, DEFAULT_LEASE_TIMEOUT);
    }

    /** Connects with the default key prefix. */
    public RedisStorage(String uri, Clock clock) {
        this(uri, clock, null);
    }

    @Override
    public QueueStore queues() {
        return queues;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public ClaimStore claims() {
        return claims;
    }

    @Override
    public FenceStore fences() {
        return fences;
    }

    @Override
    public QueueTransfer transfer() {
        return transfer;
    }

    @Override
    public CompletionStage<Boolean> isAlive() {
        try {
            return redis.ping().toCompletableFuture()
                    .orTimeout(PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((pong, error) -> error == null && "PONG".equals(pong));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        fences.close();
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
