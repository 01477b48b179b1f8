package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link Catalogue} implementation shares; subclasses supply the catalogue. */
public abstract class CatalogueContract {

    protected abstract Catalogue catalogue();

    private final String project = CatalogueTesting.uniqueProject();

    private QueueKey key(String queue) {
        return QueueKey.of(project, queue);
    }

    @Test
    void createIfAbsentCreatesOnceAndReturnsTheWinnerAfterwards() {
        AtomicInteger placements = new AtomicInteger();
        CatalogueEntry first = catalogue().createIfAbsent(key("q"), () -> {
            placements.incrementAndGet();
            return "a";
        });
        CatalogueEntry second = catalogue().createIfAbsent(key("q"), () -> "b");

        assertThat(first.partition()).isEqualTo("a");
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.state()).isEqualTo(EntryState.ACTIVE);
        assertThat(second).isEqualTo(first);
        assertThat(placements).hasValue(1);
        assertThat(catalogue().lookup(key("q"))).contains(first);
    }

    @Test
    void compareAndSetBumpsTheVersionAndRejectsAStaleOne() {
        CatalogueEntry v1 = catalogue().createIfAbsent(key("q"), () -> "a");
        CatalogueEntry v2 = catalogue().compareAndSet(v1, v1.withState(EntryState.MIGRATING).withMigration("m1"));

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.state()).isEqualTo(EntryState.MIGRATING);
        assertThat(v2.migration()).isEqualTo("m1");
        assertThat(v2.created()).isEqualTo(v1.created());
        assertThatThrownBy(() -> catalogue().compareAndSet(v1, v1.withPartition("b")))
                .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                    assertThat(e.expected()).isEqualTo(1);
                    assertThat(e.actual()).isEqualTo(2);
                });
        assertThat(catalogue().lookupFresh(key("q"))).contains(v2);
    }

    @Test
    void compareAndSetOfADeletedEntryIsNotFound() {
        CatalogueEntry v1 = catalogue().createIfAbsent(key("q"), () -> "a");
        assertThat(catalogue().delete(key("q"))).contains(v1);
        assertThatThrownBy(() -> catalogue().compareAndSet(v1, v1.withPartition("b")))
                .isInstanceOf(EntryNotFoundException.class);
    }

    @Test
    void deleteIfUnchangedDeletesOnlyTheVersionItWasGiven() {
        CatalogueEntry v1 = catalogue().createIfAbsent(key("q"), () -> "a");
        CatalogueEntry v2 = catalogue().compareAndSet(v1, v1.withPartition("b"));

        assertThat(catalogue().deleteIfUnchanged(v1)).isEmpty();
        assertThat(catalogue().lookupFresh(key("q"))).contains(v2);
        assertThat(catalogue().deleteIfUnchanged(v2)).contains(v2);
        assertThat(catalogue().lookupFresh(key("q"))).isEmpty();
        assertThat(catalogue().lookup(key("q"))).isEmpty();
        assertThat(catalogue().deleteIfUnchanged(v2)).isEmpty();
    }

    @Test
    void deletedQueueIsGoneAndCanBeCreatedElsewhere() {
        catalogue().createIfAbsent(key("q"), () -> "a");
        catalogue().delete(key("q"));

        assertThat(catalogue().lookup(key("q"))).isEmpty();
        assertThat(catalogue().delete(key("q"))).isEmpty();
        assertThat(catalogue().createIfAbsent(key("q"), () -> "b").partition()).isEqualTo("b");
        assertThat(catalogue().lookup(key("q")).orElseThrow().partition()).isEqualTo("b");
    }

    @Test
    void listPagesThroughAProjectInByteOrderOfQueueNames() {
        List<String> names = new ArrayList<>(List.of("b", "B", "a", "A", "_x", "-x", "0", "9", "zz", "z", "a_b",
                "a-b", "aa", "Zeta", "queue-10", "queue-2", "queue-1"));
        Collections.shuffle(names, new Random(1));
        names.forEach(name -> catalogue().createIfAbsent(key(name), () -> "a"));
        catalogue().createIfAbsent(QueueKey.of(CatalogueTesting.uniqueProject(), "other"), () -> "a");

        List<String> listed = new ArrayList<>();
        String marker = null;
        do {
            CataloguePage page = catalogue().list(project, marker, 5);
            page.entries().forEach(entry -> listed.add(entry.queue()));
            marker = page.next();
        } while (marker != null);

        assertThat(listed).isEqualTo(names.stream().sorted().toList());
    }

    @Test
    void countsQueuesPerPartition() {
        long before = catalogue().count("count-a");
        catalogue().createIfAbsent(key("q1"), () -> "count-a");
        catalogue().createIfAbsent(key("q2"), () -> "count-a");
        catalogue().createIfAbsent(key("q3"), () -> "count-b");

        assertThat(catalogue().count("count-a")).isEqualTo(before + 2);
        assertThat(catalogue().countByPartition()).containsEntry("count-b", 1L);
        assertThat(catalogue().entriesOf("count-b", 1_000)).extracting(CatalogueEntry::key).contains(key("q3"))
                .doesNotContain(key("q1"), key("q2"));
        assertThat(catalogue().entriesOf("count-a", 1)).hasSize(1);
        assertThat(catalogue().listAll()).extracting(CatalogueEntry::key).contains(key("q1"), key("q2"), key("q3"));
    }

    @Test
    void lookupAllFindsOnlyCataloguedQueues() {
        catalogue().createIfAbsent(key("q1"), () -> "a");
        assertThat(catalogue().lookupAll(List.of(key("q1"), key("none")))).containsOnlyKeys(key("q1"));
    }

    @Test
    void asyncLookupAnswersLikeTheSynchronousOne() {
        CatalogueEntry entry = catalogue().createIfAbsent(key("q"), () -> "a");
        assertThat(catalogue().lookupAsync(key("q")).toCompletableFuture().join()).contains(entry);
        assertThat(catalogue().lookupAsync(key("none")).toCompletableFuture().join()).isEmpty();
    }

    @Test
    void listRejectsAnOutOfRangeLimit() {
        assertThatThrownBy(() -> catalogue().list(project, null, 0))
                .isInstanceOf(InvalidCatalogueValueException.class)
                .hasMessage("limit: 0 (expected: 1..1000)");
    }
}
