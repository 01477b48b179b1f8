package io.shardq.catalogue.internal.cache;

import io.lettuce.core.RedisException;
import io.shardq.catalogue.QueueKey;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keys whose Redis update failed after MongoDB was written (Redis was unreachable). If Redis comes back
 * with its old data rather than empty, those keys would be stale there; {@link #repair} deletes them from
 * Redis and announces an eviction once Redis answers again. Bounded: past the limit, keys are dropped and
 * only the Redis TTL bounds their staleness.
 */
final class UnsyncedKeys {

    private static final Logger logger = LoggerFactory.getLogger(UnsyncedKeys.class);
    private static final int MAX_KEYS = 100_000;

    private final Set<QueueKey> keys = ConcurrentHashMap.newKeySet();

    void add(QueueKey key) {
        if (keys.size() < MAX_KEYS) {
            keys.add(key);
        } else {
            logger.warn("{} keys await repair in Redis; {} is left to the Redis TTL", MAX_KEYS, key);
        }
    }

    /** Clears each key in Redis and publishes its eviction; stops at the first Redis failure. */
    void repair(RedisRouteCache redis) {
        Iterator<QueueKey> it = keys.iterator();
        int repaired = 0;
        while (it.hasNext()) {
            QueueKey key = it.next();
            try {
                redis.delete(key);
                redis.publish(CatalogueEvent.evict(key));
            } catch (RedisException e) {
                return;
            }
            it.remove();
            repaired++;
        }
        if (repaired > 0) {
            logger.info("repaired {} catalogue key(s) in Redis that were written while it was unreachable", repaired);
        }
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }
}
