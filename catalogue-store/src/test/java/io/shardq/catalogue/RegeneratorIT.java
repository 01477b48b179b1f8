package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rebuilding a lost catalogue from what the partitions hold. */
class RegeneratorIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();
    @RegisterExtension
    static final RedisServerExtension redis = new RedisServerExtension();

    private static CatalogueStore store;

    @BeforeAll
    static void open() {
        store = CatalogueStore.open(CatalogueTesting.config(mongo, redis), new MetricRegistry());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void rebuildsEntriesFromThePartitionsAndReportsConflictsAndFailures() {
        String project = CatalogueTesting.uniqueProject();
        QueueKey onlyA = QueueKey.of(project, "only-a");
        QueueKey onlyB = QueueKey.of("", "only-b");
        QueueKey both = QueueKey.of(project, "both");
        QueueKey kept = QueueKey.of(project, "kept");
        QueueKey moved = QueueKey.of(project, "catalogued-elsewhere");
        store.partitions().put(CatalogueTesting.partition("regen-a", 1));
        store.partitions().put(CatalogueTesting.partition("regen-b", 1));
        store.partitions().put(CatalogueTesting.partition("regen-down", 1));
        CatalogueEntry existing = store.catalogue().createIfAbsent(kept, () -> "regen-a");
        store.catalogue().createIfAbsent(moved, () -> "regen-b");
        Map<String, List<QueueKey>> held = Map.of(
                "regen-a", List.of(onlyA, both, kept, moved),
                "regen-b", List.of(onlyB, both));

        RegenerationReport report = store.regenerator(partition -> {
            if (partition.name().equals("regen-down")) {
                throw new IllegalStateException("connection refused");
            }
            return held.getOrDefault(partition.name(), List.of());
        }).regenerate();

        assertThat(store.catalogue().lookupFresh(onlyA).orElseThrow().partition()).isEqualTo("regen-a");
        assertThat(store.catalogue().lookupFresh(onlyB).orElseThrow().partition()).isEqualTo("regen-b");
        assertThat(store.catalogue().lookupFresh(both)).isEmpty();
        assertThat(store.catalogue().lookupFresh(kept)).contains(existing);
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(report.conflicts()).containsExactlyInAnyOrder(
                new RegenerationReport.Conflict(both, List.of("regen-a", "regen-b"), null),
                new RegenerationReport.Conflict(moved, List.of("regen-a"), "regen-b"));
        assertThat(report.failedPartitions()).containsOnlyKeys("regen-down");
        assertThat(report.partitionsScanned()).isEqualTo(2);
    }
}
