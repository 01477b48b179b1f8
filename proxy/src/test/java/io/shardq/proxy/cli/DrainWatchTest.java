package io.shardq.proxy.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.shardq.proxy.cli.MigrationRecords.list;
import static io.shardq.proxy.cli.MigrationRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shardq.common.json.Json;
import io.shardq.proxy.cli.QctlRunner.Run;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code qctl partitions drain NAME --wait}: polls the queue count and the moves in flight until the partition is
 * empty, or until a move out of it failed.
 */
class DrainWatchTest {

    private static final String ACTIVE = "/v2/migrations?partition=p1&active=true";

    @RegisterExtension
    static WireMockExtension admin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Map<String, String> env() {
        return Map.of("QCTL_URL", admin.baseUrl(), "ADMIN_TOKEN", "secret-admin-token");
    }

    private Run qctl(String... args) {
        return QctlRunner.run(env(), args);
    }

    @BeforeEach
    void stubPatch() {
        admin.stubFor(patch(urlEqualTo("/v2/partitions/p1")).willReturn(okJson(partition(2))));
    }

    private static String partition(int queues) {
        return """
                {"name":"p1","weight":0,"nodes":["http://127.0.0.1:9001"],"agent":"http://127.0.0.1:7001",
                 "capabilities":{},"state":"draining","queues":%d,"href":"/v2/partitions/p1"}""".formatted(queues);
    }

    /** Each poll of {@code url} answers the next body; the last one repeats. */
    private static void stubPolls(String url, String... bodies) {
        for (int i = 0; i < bodies.length; i++) {
            admin.stubFor(get(urlEqualTo(url)).inScenario(url).whenScenarioStateIs(i == 0 ? STARTED : "poll " + i)
                    .willReturn(okJson(bodies[i]))
                    .willSetStateTo(i == bodies.length - 1 ? "poll " + i : "poll " + (i + 1)));
        }
    }

    /** Two queues move out one after the other; the partition empties. */
    private static void stubTwoMoves(String endOfSecond) {
        stubPolls("/v2/partitions/p1", partition(2), partition(1), partition(0));
        stubPolls(ACTIVE, list(record("a", "demo", "a", "copying", 10, 20, null)),
                list(record("b", "demo", "b", "frozen", 20, 20, null)), list());
        admin.stubFor(get("/v2/migrations/a").willReturn(okJson(record("a", "demo", "a", "done", 20, 20, null))));
        admin.stubFor(get("/v2/migrations/b").willReturn(okJson(endOfSecond)));
    }

    @Test
    void waitFollowsTheMovesUntilThePartitionIsEmpty() {
        stubTwoMoves(record("b", "demo", "b", "done", 20, 20, null));

        Run run = qctl("partitions", "drain", "p1", "--wait");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).containsExactly(
                "partition p1 is draining: weight 0; waiting until its queues have moved.",
                "p1: 2 queue(s) left, 1 moving: demo/a copying 10/20",
                "p1: 1 queue(s) left, 1 moving: demo/b frozen 20/20",
                "partition p1 drained: it holds no queues; remove it with: qctl partitions remove p1");
        admin.verify(patchRequestedFor(urlEqualTo("/v2/partitions/p1"))
                .withRequestBody(equalToJson("{\"weight\":0,\"state\":\"draining\"}")));
    }

    @Test
    void aFailedMoveEndsTheWaitWithExitOneNamingIt() {
        stubTwoMoves(record("b", "demo", "b", "failed", 20, 20, "destination agent refused the import"));
        stubPolls("/v2/partitions/p1", partition(2), partition(1), partition(1));

        Run run = qctl("partitions", "drain", "p1", "--wait");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).doesNotContain("drained");
        assertThat(run.err()).contains("error: migration b of demo/b (p1 -> p2) failed: destination agent refused "
                + "the import").contains("hint: the queue(s) above stay on p1").contains("qctl migrate PROJECT/QUEUE");
    }

    @Test
    void anEmptyPartitionIsDrainedAtOnce() {
        admin.stubFor(get("/v2/partitions/p1").willReturn(okJson(partition(0))));
        admin.stubFor(get(urlEqualTo(ACTIVE)).willReturn(okJson(list())));

        Run run = qctl("partitions", "drain", "p1", "--wait");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).last().asString().startsWith("partition p1 drained");
    }

    @Test
    void jsonOutputPrintsOnlyTheEmptyPartition() throws IOException {
        stubTwoMoves(record("b", "demo", "b", "done", 20, 20, null));

        Run run = qctl("partitions", "drain", "p1", "--wait", "-o", "json");

        assertThat(run.exit()).isZero();
        JsonNode printed = Json.mapper().readTree(run.out());
        assertThat(printed.path("queues").asInt()).isZero();
        assertThat(printed.path("state").asText()).isEqualTo("draining");
    }

    @Test
    void jsonOutputOfAFailureListsTheFailedMigrations() throws IOException {
        stubTwoMoves(record("b", "demo", "b", "failed", 20, 20, "boom"));
        stubPolls("/v2/partitions/p1", partition(2), partition(1), partition(1));

        Run run = qctl("partitions", "drain", "p1", "--wait", "-o", "json");

        assertThat(run.exit()).isEqualTo(1);
        JsonNode printed = Json.mapper().readTree(run.out());
        assertThat(printed.path("migrations")).hasSize(1);
        assertThat(printed.path("migrations").get(0).path("id").asText()).isEqualTo("b");
    }

    @Test
    void atATerminalABarCountsTheQueuesMoved() {
        stubTwoMoves(record("b", "demo", "b", "done", 20, 20, null));
        List<String> drawn = new CopyOnWriteArrayList<>();

        Run run = QctlRunner.run(env(), () -> new DelegatingProgressBarConsumer(drawn::add, 160),
                "partitions", "drain", "p1", "--wait");

        assertThat(run.exit()).isZero();
        assertThat(drawn.get(drawn.size() - 1)).contains("drain p1").contains("100%").contains("2/2 queues");
        assertThat(run.out()).doesNotContain("queue(s) left").contains("partition p1 drained");
    }
}
