package io.shardq.partition.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.partition.testing.PartitionServerExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients at once over real sockets: FIFO for observers, exactly-once claims. */
class ConcurrencyIT {

    @RegisterExtension
    static final PartitionServerExtension server = new PartitionServerExtension();

    private static final int PRODUCERS = 8;
    private static final int BATCHES_PER_PRODUCER = 40;
    private static final int BATCH = 3;

    @Test
    void observerSeesAcceptanceOrderWithNoGapAndNoDuplicateWhileEightProducersPost() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PRODUCERS + 1);
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean producing = new AtomicBoolean(true);
        List<Future<?>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            producers.add(pool.submit(() -> produce(server.client("fifo"), producer, accepted)));
        }
        Future<List<String>> observer = pool.submit(() -> observe(server.client("fifo"), producing));
        for (Future<?> producer : producers) {
            producer.get(60, TimeUnit.SECONDS);
        }
        producing.set(false);
        List<String> seen = observer.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(new HashSet<>(accepted));
        assertThat(seen).hasSize(PRODUCERS * BATCHES_PER_PRODUCER * BATCH);
        for (int p = 0; p < PRODUCERS; p++) {
            String prefix = p + "-";
            List<String> mine = seen.stream().filter(s -> s.startsWith(prefix)).toList();
            List<String> sorted = new ArrayList<>(mine);
            sorted.sort((a, b) -> Integer.compare(Integer.parseInt(a.substring(prefix.length())),
                    Integer.parseInt(b.substring(prefix.length()))));
            assertThat(mine).as("producer %s's messages in its posting order", p).isEqualTo(sorted);
        }
    }

    private static void produce(ZaqarHttp client, int producer, List<String> accepted) {
        for (int b = 0; b < BATCHES_PER_PRODUCER; b++) {
            StringBuilder body = new StringBuilder("{\"messages\":[");
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                String label = producer + "-" + (b * BATCH + i);
                labels.add(label);
                body.append(i == 0 ? "" : ",").append("{\"body\":\"").append(label).append("\"}");
            }
            int status = client.post("/v2/queues/fifo/messages", body.append("]}").toString()).status();
            assertThat(status).isEqualTo(201);
            accepted.addAll(labels);
        }
    }

    /** Pages with markers until producers are done and a page comes back empty. */
    private static List<String> observe(ZaqarHttp client, AtomicBoolean producing) {
        List<String> seen = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        String next = "/v2/queues/fifo/messages?limit=20";
        while (true) {
            boolean finalPass = !producing.get();
            JsonNode page = client.get(next).json();
            if (page.get("messages").isEmpty()) {
                if (finalPass) {
                    return seen;
                }
                continue;
            }
            page.get("messages").forEach(m -> seen.add(m.get("body").asText()));
            String href = page.at("/links/0/href").asText();
            positions.add(Long.parseLong(href.replaceAll(".*[?&]marker=(\\d+).*", "$1")));
            assertThat(positions).isSorted();
            next = href;
        }
    }

    @Test
    void eightClaimersClaimEveryOneOfAThousandMessagesExactlyOnce() throws Exception {
        ZaqarHttp producer = server.client("claims");
        for (int b = 0; b < 50; b++) {
            StringBuilder body = new StringBuilder("{\"messages\":[");
            for (int i = 0; i < 20; i++) {
                body.append(i == 0 ? "" : ",").append("{\"body\":").append(b * 20 + i).append('}');
            }
            producer.post("/v2/queues/work/messages", body.append("]}").toString());
        }
        Set<Integer> claimed = ConcurrentHashMap.newKeySet();
        List<Integer> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> claimers = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            claimers.add(pool.submit(() -> claimUntilEmpty(server.client("claims"), claimed, all)));
        }
        for (Future<?> claimer : claimers) {
            claimer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(all).hasSize(1000);
        assertThat(claimed).hasSize(1000);
        assertThat(server.client("claims").get("/v2/queues/work/stats").json().at("/messages/claimed").asInt())
                .isEqualTo(1000);
    }

    private static void claimUntilEmpty(ZaqarHttp client, Set<Integer> claimed, List<Integer> all) {
        while (true) {
            ZaqarHttp.Response response = client.post("/v2/queues/work/claims?limit=7", "{\"ttl\":600,\"grace\":60}");
            if (response.status() == 204) {
                return;
            }
            assertThat(response.status()).isEqualTo(201);
            response.json().get("messages").forEach(m -> {
                all.add(m.get("body").asInt());
                claimed.add(m.get("body").asInt());
            });
        }
    }
}
