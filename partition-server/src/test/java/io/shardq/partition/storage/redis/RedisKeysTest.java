package io.shardq.partition.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shardq.partition.storage.QueueRef;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("sq:");

    @Test
    void everyQueueKeyEmbedsProjectAndQueueInOneHashTag() {
        RedisKeys.QueueKeys q = keys.queue(QueueRef.of("p1", "orders"));

        for (String key : List.of(q.info(), q.messages(), q.positions(), q.expiries(), q.free(), q.claimed(),
                q.claims(), q.claimExpiries(), q.fence(), q.leases())) {
            assertThat(key).startsWith("sq:q:{p1/orders}:");
        }
        assertThat(q.index()).isEqualTo("sq:p:p1");
        assertThat(q.projects()).isEqualTo("sq:projects");
    }

    @Test
    void differentProjectsOrQueuesNeverShareAKey() {
        Set<String> seen = new HashSet<>();
        for (QueueRef ref : List.of(QueueRef.of("a", "b"), QueueRef.of("b", "a"), QueueRef.of("", "a"),
                QueueRef.of("a.b", "c"), QueueRef.of("a", "b.c"))) {
            RedisKeys.QueueKeys q = keys.queue(ref);
            assertThat(seen.add(q.messages())).isTrue();
        }
    }

    @Test
    void nullPrefixMeansDefault() {
        assertThat(new RedisKeys(null).index("p")).isEqualTo(RedisKeys.DEFAULT_PREFIX + "p:p");
    }

    @Test
    void queueNameWithSlashIsRejected() {
        assertThatThrownBy(() -> keys.queue(QueueRef.of("p", "a/b"))).isInstanceOf(IllegalArgumentException.class);
    }
}
