package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.QueueKey;
import io.shardq.partition.storage.QueueRef;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 400 queues created through the proxy over partitions weighted 1/1/2: placement follows the weights, each
 * queue lives on the partition its catalogue entry names, and the proxy lists all of them as one stream
 * in byte order, paged, with partition metadata and a count.
 */
class ProxySpreadIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder()
            .partition("light-a", 1).partition("light-b", 1).partition("heavy", 2).build();

    private static final String PROJECT = "spread";
    private static final int QUEUES = 400;
    /** Chi-square quantile for p = 0.01 at 2 degrees of freedom. */
    private static final double CHI_SQUARE_CRITICAL = 9.21;
    private static final int MAX_PAGES = 100;
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

    /** Queue name → its index, which is also stored in its metadata. */
    private static final Map<String, Integer> created = new HashMap<>();

    @BeforeAll
    static void createQueuesThroughTheProxy() throws Exception {
        Random random = new Random(20240505);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < QUEUES) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++) {
                name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
            }
            if (!name.toString().matches("\\.+")) { // "." and ".." are not path segments a client sends as is
                names.add(name.toString());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            int index = 0;
            for (String name : names) {
                int n = index++;
                created.put(name, n);
                answers.add(pool.submit(() -> fleet.client(PROJECT)
                        .put("/v2/queues/" + name, "{\"n\":" + n + ",\"name\":\"" + name + "\"}").status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void placementFollowsTheWeights() {
        Map<String, Long> counts = fleet.proxy().store().catalogue().countByPartition();
        Map<String, Double> expected = Map.of("light-a", QUEUES * 0.25, "light-b", QUEUES * 0.25, "heavy", QUEUES * 0.5);

        assertThat(counts.keySet()).containsExactlyInAnyOrder("light-a", "light-b", "heavy");
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(QUEUES);
        double chiSquare = expected.entrySet().stream().mapToDouble(e -> {
            double diff = counts.get(e.getKey()) - e.getValue();
            return diff * diff / e.getValue();
        }).sum();
        assertThat(chiSquare).as("chi-square of %s against weights 1/1/2", counts).isLessThan(CHI_SQUARE_CRITICAL);
    }

    @Test
    void everyQueueLivesOnlyOnThePartitionItsEntryNames() {
        List<CatalogueEntry> entries = fleet.proxy().store().catalogue().listAll();
        assertThat(entries).hasSize(QUEUES);
        for (CatalogueEntry entry : entries) {
            QueueRef ref = QueueRef.of(PROJECT, entry.queue());
            for (String partition : fleet.partitionNames()) {
                boolean present = fleet.storage(partition).queues().metadata(ref).toCompletableFuture().join().isPresent();
                assertThat(present).as("%s on %s (catalogue: %s)", entry.queue(), partition, entry.partition())
                        .isEqualTo(partition.equals(entry.partition()));
            }
        }
        for (String partition : fleet.partitionNames()) {
            assertThat(fleet.storage(partition).queues().count(PROJECT).toCompletableFuture().join())
                    .isEqualTo(fleet.proxy().store().catalogue().count(partition));
        }
    }

    @Test
    void listingFollowsLinksThroughEveryQueueInByteOrder() {
        List<JsonNode> listed = listAll("/v2/queues?limit=20", 20);
        List<String> names = listed.stream().map(q -> q.path("name").asText()).toList();

        assertThat(names).hasSize(QUEUES).doesNotHaveDuplicates();
        assertThat(names).containsExactlyElementsOf(new TreeSet<>(created.keySet()));
        listed.forEach(q -> assertThat(q.path("href").asText()).isEqualTo("/v2/queues/" + q.path("name").asText()));
        listed.forEach(q -> assertThat(q.has("metadata")).isFalse());
    }

    @Test
    void detailedListingCarriesEachQueuesMetadataFromItsPartition() {
        List<JsonNode> listed = listAll("/v2/queues?limit=20&detailed=true", 20);

        assertThat(listed).hasSize(QUEUES);
        for (JsonNode queue : listed) {
            String name = queue.path("name").asText();
            assertThat(queue.path("metadata").path("n").asInt(-1)).as(name).isEqualTo(created.get(name));
            assertThat(queue.path("metadata").path("name").asText()).isEqualTo(name);
        }
    }

    @Test
    void listingWithCountCountsEveryQueueOfTheProject() {
        ZaqarHttp.Response answer = fleet.client(PROJECT).get("/v2/queues?with_count=true&limit=5");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("count").asLong()).isEqualTo(QUEUES);
        assertThat(answer.json().path("queues")).hasSize(5);
        assertThat(fleet.client("spread-nobody").get("/v2/queues?with_count=true").json().path("queues")).isEmpty();
    }

    /** Every queue listed from {@code first} on, following "next" links until an empty page. */
    private static List<JsonNode> listAll(String first, int pageSize) {
        ZaqarHttp client = fleet.client(PROJECT);
        List<JsonNode> all = new ArrayList<>();
        String next = first;
        for (int page = 0; page < MAX_PAGES; page++) {
            ZaqarHttp.Response answer = client.get(next);
            assertThat(answer.status()).as(next).isEqualTo(200);
            JsonNode queues = answer.json().path("queues");
            assertThat(queues.size()).isLessThanOrEqualTo(pageSize);
            if (queues.isEmpty()) {
                return all;
            }
            queues.forEach(all::add);
            JsonNode links = answer.json().path("links");
            assertThat(links).hasSize(1);
            assertThat(links.get(0).path("rel").asText()).isEqualTo("next");
            next = links.get(0).path("href").asText();
        }
        throw new AssertionError("listing did not end within " + MAX_PAGES + " pages; listed " + all.size());
    }

    static QueueKey key(String queue) {
        return QueueKey.of(PROJECT, queue);
    }
}
