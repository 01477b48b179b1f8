package io.shardq.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.shardq.catalogue.QueueKey;
import io.shardq.proxy.testing.FleetExtension;
import io.shardq.testing.ZaqarHttp;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalogue's degraded modes, with a real redis-server as its cache: without Redis the proxy reads
 * MongoDB and keeps serving old and new queues; without MongoDB it serves the queues whose routes it has
 * cached and answers queue creation with a Zaqar-shaped 503 and Retry-After.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyDegradedIT {

    @RegisterExtension
    static final FleetExtension fleet = FleetExtension.builder().partition("p1", 1).partition("p2", 1).redisCache()
            .build();

    private static final String PROJECT = "degraded";
    private static final List<String> EXISTING = List.of("old-1", "old-2", "old-3", "old-4");
    private static final int MAX_WAIT_POLLS = 200;

    private static ZaqarHttp client() {
        return fleet.client(PROJECT);
    }

    @BeforeAll
    static void queuesExistWhileEverythingIsUp() {
        for (String queue : EXISTING) {
            assertThat(client().post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages("before")).status())
                    .isEqualTo(201);
        }
    }

    @Order(1)
    @Test
    void withoutRedisExistingAndNewQueuesKeepWorking() throws InterruptedException {
        fleet.redis().stop();
        try {
            awaitCacheTrusted(false);
            for (String queue : EXISTING) {
                assertThat(client().post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages("no-redis")).status())
                        .as(queue).isEqualTo(201);
                assertThat(total(queue)).as(queue).isEqualTo(2);
            }
            assertThat(client().put("/v2/queues/new-without-redis", null).status()).isEqualTo(201);
            assertThat(client().post("/v2/queues/new-without-redis/messages", ZaqarHttp.messages("x")).status())
                    .isEqualTo(201);
            assertThat(total("new-without-redis")).isEqualTo(1);
            assertThat(fleet.proxy().store().catalogue().lookupFresh(QueueKey.of(PROJECT, "new-without-redis")))
                    .isPresent();
        } finally {
            fleet.redis().start();
        }
        awaitCacheTrusted(true);
        assertThat(total("new-without-redis")).isEqualTo(1);
    }

    @Order(2)
    @Test
    void withoutMongoCachedRoutesKeepWorkingAndNewQueuesGet503() throws InterruptedException {
        assumeFalse(fleet.mongo().isExternal(), "cannot stop an external MongoDB");
        awaitCacheTrusted(true);
        for (String queue : EXISTING) {
            assertThat(total(queue)).as("route of %s cached", queue).isEqualTo(2);
        }
        fleet.mongo().stop();

        for (String queue : EXISTING) {
            ZaqarHttp.Response posted = client().post("/v2/queues/" + queue + "/messages", ZaqarHttp.messages("no-mongo"));
            assertThat(posted.status()).as("%s: %s", queue, posted.body()).isEqualTo(201);
            assertThat(total(queue)).as(queue).isEqualTo(3);
        }

        ZaqarHttp.Response refused = client().put("/v2/queues/new-without-mongo", null);
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("Content-Type")).startsWith("application/json");
        assertThat(refused.title()).isEqualTo("Service temporarily unavailable");
        assertThat(refused.description()).contains("catalogue is unavailable").contains("new queues");
        for (String partition : fleet.partitionNames()) {
            assertThat(fleet.storage(partition).queues().metadata(
                    io.shardq.partition.storage.QueueRef.of(PROJECT, "new-without-mongo")).toCompletableFuture().join())
                    .as("no queue created on %s", partition).isEmpty();
        }

        ZaqarHttp.Response posted = client().post("/v2/queues/new-by-post/messages", ZaqarHttp.messages("x"));
        assertThat(posted.status()).as(posted.body()).isEqualTo(503);
        assertThat(posted.description()).contains("catalogue is unavailable");
    }

    private static long total(String queue) {
        ZaqarHttp.Response stats = client().get("/v2/queues/" + queue + "/stats");
        assertThat(stats.status()).as(stats.body()).isEqualTo(200);
        return stats.json().path("messages").path("total").asLong();
    }

    /** Waits until the proxy's health report shows its local route cache (not) trusted. */
    private static void awaitCacheTrusted(boolean trusted) throws InterruptedException {
        for (int i = 0; i < MAX_WAIT_POLLS && fleet.proxy().store().isLocalCacheTrusted() != trusted; i++) {
            Thread.sleep(25);
        }
        assertThat(fleet.admin().get("/v2/health").json().path("catalogue_cache_trusted").asBoolean())
                .isEqualTo(trusted);
    }
}
