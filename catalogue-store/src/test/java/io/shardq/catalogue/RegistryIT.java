package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import io.shardq.testing.MongoServerExtension;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partitions, tenant policies, placement and migration records against MongoDB (no Redis). */
class RegistryIT {

    @RegisterExtension
    static final MongoServerExtension mongo = new MongoServerExtension();

    private static CatalogueStore store;

    @BeforeAll
    static void open() {
        store = CatalogueStore.open(CatalogueTesting.config(mongo, null), new MetricRegistry());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void partitionIsCreatedThenReplacedAndRoundTripsEveryField() {
        Partition partition = new Partition("round-trip", 30,
                List.of(URI.create("http://10.0.0.1:8888"), URI.create("https://10.0.0.2:8443")),
                URI.create("http://10.0.0.1:9999"), Map.of("fifo", true, "persistent", false), PartitionState.ACTIVE);

        assertThat(store.partitions().put(partition)).isTrue();
        assertThat(store.partitions().put(partition.withWeight(5))).isFalse();
        assertThat(store.partitions().get("round-trip")).contains(partition.withWeight(5));
        assertThat(store.partitions().list()).contains(partition.withWeight(5));
    }

    @Test
    void patchChangesWeightAndStateOnly() {
        store.partitions().put(CatalogueTesting.partition("patched", 10));
        Partition patched = store.partitions().patch("patched", PartitionPatch.of(0, PartitionState.DRAINING));
        assertThat(patched.weight()).isZero();
        assertThat(patched.state()).isEqualTo(PartitionState.DRAINING);
        assertThat(patched.nodes()).hasSize(1);
        assertThatThrownBy(() -> store.partitions().patch("missing", PartitionPatch.of(1, null)))
                .isInstanceOf(PartitionNotFoundException.class);
    }

    @Test
    void partitionHoldingQueuesCannotBeDeleted() {
        store.partitions().put(CatalogueTesting.partition("busy", 10));
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        store.catalogue().createIfAbsent(key, () -> "busy");

        assertThatThrownBy(() -> store.partitions().delete("busy"))
                .isInstanceOfSatisfying(PartitionInUseException.class, e -> assertThat(e.queues()).isEqualTo(1));
        store.catalogue().delete(key);
        store.partitions().delete("busy");
        assertThat(store.partitions().get("busy")).isEmpty();
        assertThatThrownBy(() -> store.partitions().delete("busy")).isInstanceOf(PartitionNotFoundException.class);
    }

    @Test
    void placementThroughTheStoreHonoursTenantPolicies() {
        store.partitions().put(CatalogueTesting.partition("dedicated", 10));
        String project = CatalogueTesting.uniqueProject();
        assertThat(store.tenantPolicies().put(TenantPolicy.of(project, List.of("dedicated")))).isTrue();

        for (int i = 0; i < 20; i++) {
            QueueKey key = QueueKey.of(project, "q" + i);
            assertThat(store.catalogue().createIfAbsent(key, store.placement().forProject(project, Set.of()))
                    .partition()).isEqualTo("dedicated");
        }
        assertThat(store.tenantPolicies().get(project)).contains(TenantPolicy.of(project, List.of("dedicated")));
        assertThat(store.tenantPolicies().delete(project)).isTrue();
        assertThat(store.tenantPolicies().delete(project)).isFalse();
    }

    @Test
    void oneMigrationPerQueueAtATimeAndPhasesMoveByCompareAndSet() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        MigrationRecord started = store.migrations().start(key, "a", "b");

        assertThat(started.phase()).isEqualTo(MigrationPhase.PLANNED);
        assertThatThrownBy(() -> store.migrations().start(key, "a", "c")).isInstanceOf(MigrationConflictException.class);
        MigrationRecord copying = store.migrations().advance(started.id(), MigrationPhase.PLANNED,
                MigrationPhase.COPYING, null);
        assertThatThrownBy(() -> store.migrations().advance(started.id(), MigrationPhase.PLANNED,
                MigrationPhase.COPYING, null)).isInstanceOf(MigrationConflictException.class);
        MigrationRecord progressed = store.migrations().progress(started.id(), MigrationPhase.COPYING, 40, 100, 0);

        assertThat(copying.phase()).isEqualTo(MigrationPhase.COPYING);
        assertThat(progressed.copied()).isEqualTo(40);
        assertThat(progressed.total()).isEqualTo(100);
        assertThat(store.migrations().active(key)).contains(progressed);

        store.migrations().advance(started.id(), MigrationPhase.COPYING, MigrationPhase.FAILED, "agent lost");
        assertThat(store.migrations().get(started.id()).orElseThrow().error()).isEqualTo("agent lost");
        assertThat(store.migrations().active(key)).isEmpty();
        MigrationRecord next = store.migrations().start(key, "a", "b");
        assertThat(store.migrations().list()).extracting(MigrationRecord::id).contains(started.id(), next.id());
        assertThatThrownBy(() -> store.migrations().advance("missing", MigrationPhase.PLANNED, MigrationPhase.DONE,
                null)).isInstanceOf(MigrationNotFoundException.class);
    }

    @Test
    void oneCoordinatorHoldsAMigrationUntilItsLeaseRunsOut() {
        QueueKey key = QueueKey.of(CatalogueTesting.uniqueProject(), "q");
        MigrationRecord started = store.migrations().start(key, "a", "b");
        Instant now = Instant.now();

        MigrationRecord mine = store.migrations().acquire(started.id(), "proxy-1", now.plusSeconds(30)).orElseThrow();
        assertThat(mine.owner()).isEqualTo("proxy-1");
        assertThat(store.migrations().acquire(started.id(), "proxy-2", now.plusSeconds(30))).isEmpty();
        assertThat(store.migrations().acquire(started.id(), "proxy-1", now.plusSeconds(60))).isPresent();
        store.migrations().acquire(started.id(), "proxy-1", now.minusSeconds(1)).orElseThrow();
        assertThat(store.migrations().acquire(started.id(), "proxy-2", now.plusSeconds(30)).orElseThrow().owner())
                .isEqualTo("proxy-2");

        MigrationRecord checkpointed = store.migrations().checkpoint(started.id(), MigrationPhase.PLANNED, 41);
        assertThat(checkpointed.cursor()).isEqualTo(41);
        assertThat(store.migrations().get(started.id()).orElseThrow().cursor()).isEqualTo(41);
        assertThat(store.migrations().listActive()).extracting(MigrationRecord::id).contains(started.id());

        store.migrations().advance(started.id(), MigrationPhase.PLANNED, MigrationPhase.CANCELLING, "operator");
        assertThat(store.migrations().listActive()).extracting(MigrationRecord::id).contains(started.id());
        store.migrations().advance(started.id(), MigrationPhase.CANCELLING, MigrationPhase.CANCELLED, "operator");
        assertThat(store.migrations().listActive()).extracting(MigrationRecord::id).doesNotContain(started.id());
        assertThat(store.migrations().acquire(started.id(), "proxy-2", now.plusSeconds(30))).isEmpty();
        assertThatThrownBy(() -> store.migrations().acquire("missing", "proxy-1", now))
                .isInstanceOf(MigrationNotFoundException.class);
    }
}
