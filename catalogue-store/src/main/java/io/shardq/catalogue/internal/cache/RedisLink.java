package io.shardq.catalogue.internal.cache;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.shardq.catalogue.CatalogueConfig;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to Redis: one for commands, one subscribed to the invalidation channel. Lettuce
 * reconnects both and resubscribes by itself; this class tells its {@link Listener} when the subscription is
 * (re)established or lost, and keeps retrying the first connection if Redis is down at start. Commands
 * fail fast while disconnected instead of queueing.
 */
final class RedisLink implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RedisLink.class);

    /** What the link reports; called on Lettuce's or the scheduler's threads, so implementations must not block. */
    interface Listener {
        void onMessage(String message);

        /** The channel is subscribed (again): events flow from now on, any missed before. */
        void onSubscribed();

        /** The subscription is lost: events may be missed until {@link #onSubscribed()}. */
        void onSubscriptionLost();
    }

    private final CatalogueConfig config;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean subscribed;
    private volatile boolean closed;

    RedisLink(CatalogueConfig config, ScheduledExecutorService scheduler, Listener listener) {
        this.config = requireNonNull(config, "config");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.listener = requireNonNull(listener, "listener");
        Duration maxDelay = config.redisReconnectMaxDelay();
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), maxDelay, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = RedisURI.create(config.redisUri());
        uri.setTimeout(config.redisTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.redisTimeout()).keepAlive(true).build())
                .build());
        client.addListener(new ConnectionStates());
    }

    /** Connects now, or keeps trying in the background if Redis is unreachable. */
    void start() {
        if (!tryConnect()) {
            scheduleRetry();
        }
    }

    private synchronized boolean tryConnect() {
        if (closed) {
            return true;
        }
        try {
            if (commands == null) {
                commands = client.connect();
            }
            if (pubSub == null) {
                StatefulRedisPubSubConnection<String, String> connection = client.connectPubSub();
                connection.addListener(new Messages());
                pubSub = connection;
                connection.sync().subscribe(config.channel());
            }
            return true;
        } catch (RedisException e) {
            logger.warn("[redis {}] not reachable ({}); retrying", config.redisUri(), e.getMessage());
            return false;
        }
    }

    private void scheduleRetry() {
        scheduler.schedule(() -> {
            if (!tryConnect()) {
                scheduleRetry();
            }
        }, config.redisReconnectMaxDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The command API; throws {@link RedisException} while never connected. */
    RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            throw new RedisException("not connected to " + config.redisUri());
        }
        return connection.sync();
    }

    /** The asynchronous command API, for pipelined batches. */
    io.lettuce.core.api.async.RedisAsyncCommands<String, String> async() {
        StatefulRedisConnection<String, String> connection = commands;
        if (connection == null) {
            throw new RedisException("not connected to " + config.redisUri());
        }
        return connection.async();
    }

    /** Whether invalidation events are being received. */
    boolean isSubscribed() {
        return subscribed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        subscribed = false;
        if (pubSub != null) {
            pubSub.close();
        }
        if (commands != null) {
            commands.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private final class Messages extends RedisPubSubAdapter<String, String> {
        @Override
        public void message(String channel, String message) {
            listener.onMessage(message);
        }

        @Override
        public void subscribed(String channel, long count) {
            logger.info("[redis {}] subscribed to {}", config.redisUri(), channel);
            try {
                scheduler.execute(() -> {
                    listener.onSubscribed();
                    StatefulRedisPubSubConnection<String, String> connection = pubSub;
                    subscribed = !closed && connection != null && connection.isOpen();
                });
            } catch (RejectedExecutionException e) {
                logger.debug("[redis {}] subscribed while closing", config.redisUri());
            }
        }
    }

    private final class ConnectionStates implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection != pubSub) {
                return;
            }
            boolean was = subscribed;
            subscribed = false;
            if (was) {
                logger.warn("[redis {}] invalidation channel lost; local cache bypassed until resubscribed",
                        config.redisUri());
                listener.onSubscriptionLost();
            }
        }
    }
}
