package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlacementTest {

    /** Chi-square critical value for 4 degrees of freedom at p = 0.01. */
    private static final double CHI_SQUARE_4_DF_P01 = 13.277;

    private static final List<URI> NODES = List.of(URI.create("http://127.0.0.1:1"));

    private static Partition partition(String name, int weight) {
        return Partition.of(name, weight, NODES);
    }

    @Test
    void placementsFollowWeightsByChiSquareAtOnePercent() {
        List<Partition> partitions = List.of(partition("a", 30), partition("b", 20), partition("c", 30),
                partition("d", 75), partition("e", 5), partition("zero", 0));
        Map<String, Integer> counts = place(partitions, List.of(), "tenant", 100_000, new SplittableRandom(42));

        double total = 160;
        double chiSquare = 0;
        for (Partition p : partitions.subList(0, 5)) {
            double expected = 100_000 * p.weight() / total;
            double observed = counts.getOrDefault(p.name(), 0);
            chiSquare += (observed - expected) * (observed - expected) / expected;
        }
        assertThat(chiSquare).isLessThan(CHI_SQUARE_4_DF_P01);
        assertThat(counts).doesNotContainKey("zero");
    }

    @Test
    void weightZeroDrainingAndDisabledPartitionsAreNeverChosen() {
        List<Partition> partitions = List.of(partition("zero", 0), partition("live", 1),
                partition("draining", 50).withState(PartitionState.DRAINING),
                partition("disabled", 50).withState(PartitionState.DISABLED));
        Map<String, Integer> counts = place(partitions, List.of(), "p", 10_000, new SplittableRandom(1));
        assertThat(counts).containsOnlyKeys("live");
    }

    @Test
    void tenantPolicyPlacesOnlyOnDedicatedPartitionsAndKeepsOthersOff() {
        List<Partition> partitions = List.of(partition("shared", 50), partition("gold1", 10), partition("gold2", 10));
        List<TenantPolicy> policies = List.of(TenantPolicy.of("acme", List.of("gold1", "gold2")));

        assertThat(place(partitions, policies, "acme", 5_000, new SplittableRandom(7)))
                .containsOnlyKeys("gold1", "gold2");
        assertThat(place(partitions, policies, "other", 5_000, new SplittableRandom(7))).containsOnlyKeys("shared");
    }

    @Test
    void capabilityFilterKeepsOnlyPartitionsOfferingTheFlavor() {
        Partition fifo = new Partition("fifo", 1, NODES, null, Map.of("fifo", true), PartitionState.ACTIVE);
        Partition plain = new Partition("plain", 100, NODES, null, Map.of("fifo", false), PartitionState.ACTIVE);
        String chosen = Placement.choose(List.of(fifo, plain), List.of(), "p", Set.of("fifo"), new SplittableRandom(3));
        assertThat(chosen).isEqualTo("fifo");
    }

    @Test
    void noEligiblePartitionIsATypedError() {
        List<Partition> partitions = List.of(partition("zero", 0));
        assertThatThrownBy(() -> Placement.choose(partitions, List.of(), "p", Set.of(), new SplittableRandom(3)))
                .isInstanceOf(NoEligiblePartitionException.class)
                .hasMessageContaining("weight > 0");
    }

    @Test
    void dedicatedPartitionsThatCannotTakeQueuesFailRatherThanSpill() {
        List<Partition> partitions = List.of(partition("shared", 50), partition("gold", 0));
        List<TenantPolicy> policies = List.of(TenantPolicy.of("acme", List.of("gold")));
        assertThatThrownBy(() -> Placement.choose(partitions, policies, "acme", Set.of(), new SplittableRandom(3)))
                .isInstanceOf(NoEligiblePartitionException.class)
                .hasMessageContaining("dedicated");
    }

    private static Map<String, Integer> place(List<Partition> partitions, List<TenantPolicy> policies, String project,
                                              int times, SplittableRandom random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < times; i++) {
            counts.merge(Placement.choose(partitions, policies, project, Set.of(), random), 1, Integer::sum);
        }
        return counts;
    }
}
