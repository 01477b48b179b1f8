package io.shardq.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the catalogue store needs to run. Unset optional values take the {@code DEFAULT_*} constants
 * via {@link #of(String, String)}; change single values with the {@code with*} methods.
 *
 * @param mongoUri               MongoDB connection string, e.g. {@code mongodb://127.0.0.1:27017}; required
 * @param mongoDatabase          database holding the catalogue; default {@value #DEFAULT_MONGO_DATABASE}
 * @param mongoTimeout           how long a MongoDB call may wait for a server (selection, connect) before
 *                               failing with {@link CatalogueUnavailableException}; a reply may take 5 times
 *                               as long (at least 5 s); default 2 s
 * @param redisUri               Redis URI, e.g. {@code redis://127.0.0.1:6379}; {@code null} runs without
 *                               Redis (local cache and MongoDB only, no invalidation across processes:
 *                               the local cache is then not used)
 * @param redisKeyPrefix         prefix of every Redis key; default {@value #DEFAULT_REDIS_KEY_PREFIX}
 * @param channel                Redis pub/sub channel of invalidation events; default
 *                               {@value #DEFAULT_CHANNEL}
 * @param redisTimeout           timeout of one Redis command; default 500 ms
 * @param redisEntryTtl          lifetime of a cached entry in Redis, a backstop against entries a writer
 *                               failed to update; default 1 h
 * @param redisReconnectMaxDelay longest wait between reconnect attempts to Redis; default 1 s
 * @param localCacheMaxSize      entries kept in each process's local cache (0 disables it); default 1,000,000
 * @param refreshInterval        period of the refresh that re-reads every locally cached entry, bounding
 *                               staleness when events are lost; default 10 s
 * @param lookupThreads          threads of the executor running lookups that miss the local cache; default 4
 * @param lookupQueueSize        lookups that may wait for those threads before new ones are refused; default
 *                               10,000
 */
public record CatalogueConfig(String mongoUri, String mongoDatabase, Duration mongoTimeout, String redisUri,
                              String redisKeyPrefix, String channel, Duration redisTimeout, Duration redisEntryTtl,
                              Duration redisReconnectMaxDelay, int localCacheMaxSize, Duration refreshInterval,
                              int lookupThreads, int lookupQueueSize) {

    public static final String DEFAULT_MONGO_DATABASE = "shardq_catalogue";
    public static final Duration DEFAULT_MONGO_TIMEOUT = Duration.ofSeconds(2);
    public static final String DEFAULT_REDIS_KEY_PREFIX = "shardq:catalogue:";
    public static final String DEFAULT_CHANNEL = "shardq:catalogue:events";
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_REDIS_ENTRY_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_REDIS_RECONNECT_MAX_DELAY = Duration.ofSeconds(1);
    public static final int DEFAULT_LOCAL_CACHE_MAX_SIZE = 1_000_000;
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(10);
    public static final int DEFAULT_LOOKUP_THREADS = 4;
    public static final int DEFAULT_LOOKUP_QUEUE_SIZE = 10_000;

    public CatalogueConfig {
        List<String> problems = new ArrayList<>();
        check(problems, mongoUri != null && mongoUri.startsWith("mongodb"),
                "mongoUri: " + mongoUri + " (expected: mongodb://…)");
        check(problems, mongoDatabase != null && !mongoDatabase.isBlank(), "mongoDatabase: empty (expected: a name)");
        check(problems, redisUri == null || redisUri.startsWith("redis"), "redisUri: " + redisUri
                + " (expected: redis://… or none)");
        check(problems, redisKeyPrefix != null, "redisKeyPrefix: null (expected: a prefix, may be empty)");
        check(problems, channel != null && !channel.isBlank(), "channel: empty (expected: a channel name)");
        positive(problems, "mongoTimeout", mongoTimeout);
        positive(problems, "redisTimeout", redisTimeout);
        positive(problems, "redisEntryTtl", redisEntryTtl);
        positive(problems, "redisReconnectMaxDelay", redisReconnectMaxDelay);
        positive(problems, "refreshInterval", refreshInterval);
        check(problems, localCacheMaxSize >= 0, "localCacheMaxSize: " + localCacheMaxSize + " (expected: >= 0)");
        check(problems, lookupThreads >= 1, "lookupThreads: " + lookupThreads + " (expected: >= 1)");
        check(problems, lookupQueueSize >= 1, "lookupQueueSize: " + lookupQueueSize + " (expected: >= 1)");
        if (!problems.isEmpty()) {
            throw new InvalidCatalogueValueException(problems);
        }
    }

    /** A configuration with every optional value at its default. */
    public static CatalogueConfig of(String mongoUri, String redisUri) {
        return new CatalogueConfig(mongoUri, DEFAULT_MONGO_DATABASE, DEFAULT_MONGO_TIMEOUT, redisUri,
                DEFAULT_REDIS_KEY_PREFIX, DEFAULT_CHANNEL, DEFAULT_REDIS_TIMEOUT, DEFAULT_REDIS_ENTRY_TTL,
                DEFAULT_REDIS_RECONNECT_MAX_DELAY, DEFAULT_LOCAL_CACHE_MAX_SIZE, DEFAULT_REFRESH_INTERVAL,
                DEFAULT_LOOKUP_THREADS, DEFAULT_LOOKUP_QUEUE_SIZE);
    }

    public CatalogueConfig withMongoDatabase(String value) {
        return new CatalogueConfig(mongoUri, value, mongoTimeout, redisUri, redisKeyPrefix, channel, redisTimeout,
                redisEntryTtl, redisReconnectMaxDelay, localCacheMaxSize, refreshInterval, lookupThreads,
                lookupQueueSize);
    }

    public CatalogueConfig withMongoTimeout(Duration value) {
        return new CatalogueConfig(mongoUri, mongoDatabase, value, redisUri, redisKeyPrefix, channel, redisTimeout,
                redisEntryTtl, redisReconnectMaxDelay, localCacheMaxSize, refreshInterval, lookupThreads,
                lookupQueueSize);
    }

    public CatalogueConfig withRefreshInterval(Duration value) {
        return new CatalogueConfig(mongoUri, mongoDatabase, mongoTimeout, redisUri, redisKeyPrefix, channel,
                redisTimeout, redisEntryTtl, redisReconnectMaxDelay, localCacheMaxSize, value, lookupThreads,
                lookupQueueSize);
    }

    public CatalogueConfig withLocalCacheMaxSize(int value) {
        return new CatalogueConfig(mongoUri, mongoDatabase, mongoTimeout, redisUri, redisKeyPrefix, channel,
                redisTimeout, redisEntryTtl, redisReconnectMaxDelay, value, refreshInterval, lookupThreads,
                lookupQueueSize);
    }

    public CatalogueConfig withRedisKeyPrefix(String prefix, String channelName) {
        return new CatalogueConfig(mongoUri, mongoDatabase, mongoTimeout, redisUri, prefix, channelName,
                redisTimeout, redisEntryTtl, redisReconnectMaxDelay, localCacheMaxSize, refreshInterval,
                lookupThreads, lookupQueueSize);
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static void positive(List<String> problems, String field, Duration value) {
        check(problems, value != null && !value.isNegative() && !value.isZero(),
                field + ": " + value + " (expected: > 0)");
    }
}
