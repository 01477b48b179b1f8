package io.shardq.catalogue.internal.cache;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.shardq.catalogue.CatalogueConfig;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.QueueKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared Redis cache of catalogue entries: one string per queue, {@code <prefix>entry:<project/queue>},
 * holding {@link EntryCodec}'s form, with a TTL. Writers store with a Lua guard so that a late write never
 * replaces a newer entry; readers that loaded from MongoDB only fill absent keys ({@code SET NX}). Every
 * method throws Lettuce's {@code RedisException} when Redis cannot be reached; callers decide.
 */
final class RedisRouteCache {

    /** KEYS[1] entry key; ARGV: created ms, version, value, ttl ms. Stores unless the cached entry is newer. */
    private static final String PUT_IF_NEWER = """
            local cur = redis.call('GET', KEYS[1])
            if cur then
              local c, v = string.match(cur, '^(%d+):(%d+):')
              c = tonumber(c); v = tonumber(v)
              local nc = tonumber(ARGV[1]); local nv = tonumber(ARGV[2])
              if c and (c > nc or (c == nc and v >= nv)) then return 0 end
            end
            redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[4])
            return 1
            """;

    private final RedisLink link;
    private final EntryCodec codec = new EntryCodec();
    private final String prefix;
    private final String channel;
    private final long ttlMillis;

    RedisRouteCache(RedisLink link, CatalogueConfig config) {
        this.link = requireNonNull(link, "link");
        this.prefix = config.redisKeyPrefix() + "entry:";
        this.channel = config.channel();
        this.ttlMillis = config.redisEntryTtl().toMillis();
    }

    Optional<CatalogueEntry> get(QueueKey key) {
        String value = link.commands().get(redisKey(key));
        return Optional.ofNullable(value).map(codec::decode);
    }

    /** The cached entries among {@code keys} (one {@code MGET}). */
    Map<QueueKey, CatalogueEntry> getAll(List<QueueKey> keys) {
        Map<QueueKey, CatalogueEntry> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        String[] redisKeys = keys.stream().map(this::redisKey).toArray(String[]::new);
        List<KeyValue<String, String>> values = link.commands().mget(redisKeys);
        for (KeyValue<String, String> value : values) {
            if (value.hasValue()) {
                CatalogueEntry entry = codec.decode(value.getValue());
                found.put(entry.key(), entry);
            }
        }
        return found;
    }

    /** Stores a written entry unless Redis already holds a newer one. */
    void putIfNewer(CatalogueEntry entry) {
        link.commands().eval(PUT_IF_NEWER, ScriptOutputType.INTEGER, new String[] {redisKey(entry.key())},
                Long.toString(entry.created().toEpochMilli()), Long.toString(entry.version()), codec.encode(entry),
                Long.toString(ttlMillis));
    }

    /** Stores an entry read from MongoDB only if Redis has none (a writer's value always wins). */
    void fillIfAbsent(CatalogueEntry entry) {
        link.commands().set(redisKey(entry.key()), codec.encode(entry), SetArgs.Builder.nx().px(ttlMillis));
    }

    void delete(QueueKey key) {
        link.commands().del(redisKey(key));
    }

    void publish(CatalogueEvent event) {
        link.commands().publish(channel, event.format());
    }

    private String redisKey(QueueKey key) {
        return prefix + key.key();
    }
}
