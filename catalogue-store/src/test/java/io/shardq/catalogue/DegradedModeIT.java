package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.codahale.metrics.MetricRegistry;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Acceptance: with Redis stopped lookups stay correct; with MongoDB stopped cached lookups answer and writes fail typed. */
class DegradedModeIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private CatalogueStore first;
    private CatalogueStore second;

    @BeforeEach
    void open() {
        mongo.start();
        redis.server().start();
        first = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        second = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
        CatalogueTesting.await("both clients are subscribed",
                () -> first.isLocalCacheTrusted() && second.isLocalCacheTrusted());
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void withRedisStoppedLookupsAndWritesUseMongoAndStayCorrect() {
        QueueKey cached = QueueKey.of(CatalogueTesting.uniqueProject(), "cached");
        CatalogueEntry v1 = first.catalogue().createIfAbsent(cached, () -> "a");
        assertThat(second.catalogue().lookup(cached)).contains(v1);

        redis.server().stop();
        CatalogueTesting.await("the second client notices Redis is gone", () -> !second.isLocalCacheTrusted());

        CatalogueEntry v2 = first.catalogue().compareAndSet(v1, v1.withPartition("b"));
        QueueKey created = QueueKey.of(cached.project(), "created-without-redis");
        CatalogueEntry fresh = first.catalogue().createIfAbsent(created, () -> "c");

        assertThat(second.catalogue().lookup(cached)).contains(v2);
        assertThat(second.catalogue().lookup(created)).contains(fresh);
        assertThat(second.catalogue().lookupAsync(cached).toCompletableFuture().join()).contains(v2);
        assertThat(second.catalogue().createIfAbsent(created, () -> "d")).isEqualTo(fresh);
    }

    @Test
    void withMongoStoppedCachedLookupsAnswerAndWritesFailTyped() {
        assumeFalse(mongo.isExternal(), "cannot stop an external MongoDB");
        first.partitions().put(CatalogueTesting.partition("a", 10));
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        CatalogueEntry entry = first.catalogue().createIfAbsent(key, first.placement().forProject(key.project(), Set.of()));
        assertThat(first.catalogue().lookup(key)).contains(entry);

        mongo.stop();

        assertThat(first.catalogue().lookup(key)).as("local cache").contains(entry);
        assertThat(second.catalogue().lookup(key)).as("through Redis").contains(entry);
        assertThat(second.catalogue().lookupAsync(key).toCompletableFuture().join()).contains(entry);
        QueueKey other = QueueKey.of(key.project(), "other");
        assertThatThrownBy(() -> first.catalogue().createIfAbsent(other, () -> "a"))
                .isInstanceOf(CatalogueUnavailableException.class)
                .hasMessageContaining("catalogue database unavailable");
        assertThatThrownBy(() -> first.catalogue().lookup(other)).isInstanceOf(CatalogueUnavailableException.class);
        assertThatThrownBy(() -> first.catalogue().compareAndSet(entry, entry.withPartition("b")))
                .isInstanceOf(CatalogueUnavailableException.class);
        assertThatThrownBy(() -> first.partitions().put(CatalogueTesting.partition("b", 1)))
                .isInstanceOf(CatalogueUnavailableException.class);
        assertThatThrownBy(() -> first.migrations().start(key, "a", "b"))
                .isInstanceOf(CatalogueUnavailableException.class);

        mongo.start();
        CatalogueEntry recreated = first.catalogue().createIfAbsent(other, () -> "a");
        assertThat(recreated.partition()).isEqualTo("a");
    }
}
