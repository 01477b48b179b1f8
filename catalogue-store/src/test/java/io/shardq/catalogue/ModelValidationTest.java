package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelValidationTest {

    private static final List<URI> NODES = List.of(URI.create("http://127.0.0.1:8888"));

    @Test
    void partitionReportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> new Partition("bad name", -1, List.of(), URI.create("ftp://x"), Map.of(), null))
                .isInstanceOfSatisfying(InvalidCatalogueValueException.class, e -> assertThat(e.problems())
                        .hasSize(5)
                        .anySatisfy(p -> assertThat(p).isEqualTo("weight: -1 (expected: >= 0)"))
                        .anySatisfy(p -> assertThat(p).startsWith("name: 'bad name'"))
                        .anySatisfy(p -> assertThat(p).startsWith("agent: 'ftp://x'")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost:80", "/relative", "http://host:1/?q=1", "mailto:x@y"})
    void partitionNodesMustBeHttpBaseUris(String node) {
        assertThatThrownBy(() -> Partition.of("p", 1, List.of(URI.create(node))))
                .isInstanceOf(InvalidCatalogueValueException.class)
                .hasMessageContaining("nodes: '" + node + "'");
    }

    @Test
    void partitionAcceptsWeightZeroAndCopiesItsCollections() {
        Partition partition = new Partition("p-1", 0, NODES, URI.create("http://127.0.0.1:9"),
                Map.of("fifo", true), PartitionState.ACTIVE);
        assertThat(partition.takesNewQueues()).isFalse();
        assertThat(partition.withWeight(5).takesNewQueues()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/inside", "ümlaut",
            "x12345678901234567890123456789012345678901234567890123456789012345"})
    void queueNamesFollowZaqarRules(String queue) {
        assertThatThrownBy(() -> QueueKey.of("p", queue)).isInstanceOf(InvalidCatalogueValueException.class)
                .hasMessageStartingWith("queue: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", ".", "v1.2-rc_3", "..x"})
    void queueNamesMayHoldDotsAsInZaqar(String queue) {
        assertThat(QueueKey.of("p", queue).queue()).isEqualTo(queue);
        assertThat(QueueKey.parse("p/" + queue)).isEqualTo(QueueKey.of("p", queue));
    }

    @Test
    void keyParsesAtTheLastSlashSoProjectsMayHoldSlashes() {
        assertThat(QueueKey.parse("a/b/q")).isEqualTo(QueueKey.of("a/b", "q"));
        assertThat(QueueKey.parse("/q")).isEqualTo(QueueKey.of(null, "q"));
        assertThat(QueueKey.of("", "q").key()).isEqualTo("/q");
    }

    @Test
    void laterIncarnationIsNewerEvenWithALowerVersion() {
        QueueKey key = QueueKey.of("p", "q");
        CatalogueEntry old = new CatalogueEntry(key, "a", EntryState.ACTIVE, 7, Instant.ofEpochMilli(1000), null);
        CatalogueEntry recreated = CatalogueEntry.of(key, "b", Instant.ofEpochMilli(2000));
        assertThat(recreated.isNewerThan(old)).isTrue();
        assertThat(old.isNewerThan(recreated)).isFalse();
        assertThat(old.withState(EntryState.FROZEN).isNewerThan(old)).isFalse();
    }

    @Test
    void enumsParseWireNamesAndListWhatIsExpected() {
        assertThat(EntryState.parse("migrating")).isEqualTo(EntryState.MIGRATING);
        assertThatThrownBy(() -> PartitionState.parse("paused"))
                .hasMessage("state: 'paused' (expected: active | draining | disabled)");
    }

    @Test
    void migrationCannotTargetItsSource() {
        assertThatThrownBy(() -> MigrationRecord.of("id", QueueKey.of("p", "q"), "a", "a", Instant.EPOCH))
                .hasMessageContaining("to: 'a' (expected: not the source)");
    }

    @Test
    void configReportsEveryProblem() {
        assertThatThrownBy(() -> CatalogueConfig.of("http://x", "tcp://y"))
                .isInstanceOfSatisfying(InvalidCatalogueValueException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }
}
