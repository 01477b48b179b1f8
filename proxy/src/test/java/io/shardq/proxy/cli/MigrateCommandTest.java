package io.shardq.proxy.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.shardq.proxy.cli.MigrationRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shardq.common.json.Json;
import io.shardq.proxy.cli.QctlRunner.Run;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code qctl migrate}: the request it posts, what it prints, and {@code --wait} to done, failed and cancelled. */
class MigrateCommandTest {

    private static final String STARTED_BODY = "{\"id\":\"m1\",\"href\":\"/v2/migrations/m1\"}";

    @RegisterExtension
    static WireMockExtension admin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Run qctl(String... args) {
        return QctlRunner.run(env(), args);
    }

    private Map<String, String> env() {
        return Map.of("QCTL_URL", admin.baseUrl(), "ADMIN_TOKEN", "secret-admin-token");
    }

    private void stubStart() {
        admin.stubFor(post("/v2/migrations").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody(STARTED_BODY)));
    }

    /** GET /v2/migrations/m1 answers each record in turn, then the last one again. */
    private void stubPhases(String... records) {
        for (int i = 0; i < records.length; i++) {
            admin.stubFor(get("/v2/migrations/m1").inScenario("phases")
                    .whenScenarioStateIs(i == 0 ? STARTED : "poll " + i)
                    .willReturn(okJson(records[i]))
                    .willSetStateTo(i == records.length - 1 ? "poll " + i : "poll " + (i + 1)));
        }
    }

    @Test
    void postsProjectQueueAndDestinationThenPrintsTheIdAndHowToFollowIt() {
        stubStart();

        Run run = qctl("migrate", "demo/orders", "--to", "p2");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).containsExactly("migration m1 started: demo/orders to p2",
                "follow it: qctl migrations show m1   (or run qctl migrate with --wait)");
        admin.verify(postRequestedFor(urlEqualTo("/v2/migrations"))
                .withHeader("Authorization", equalTo("Bearer secret-admin-token"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"project\":\"demo\",\"queue\":\"orders\",\"to\":\"p2\"}")));
    }

    @Test
    void emptyProjectAndNoDestinationLetTheProxyPickByWeight() {
        stubStart();

        Run run = qctl("migrate", "/orders");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("/orders to a partition picked by weight");
        admin.verify(postRequestedFor(urlEqualTo("/v2/migrations"))
                .withRequestBody(equalToJson("{\"project\":\"\",\"queue\":\"orders\"}")));
    }

    @Test
    void jsonOutputIsTheApiAnswer() throws IOException {
        stubStart();

        Run run = qctl("migrate", "demo/orders", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(STARTED_BODY));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            orders         | expected: PROJECT/QUEUE, or /QUEUE for the no-project namespace
            demo/          | queue: '' (expected: 1 to 64 of a-z, A-Z, 0-9
            demo/bad*name  | queue: 'bad*name'
            """)
    void aBadQueueIsAUsageErrorThatSaysWhatIsExpected(String queue, String message) {
        Run run = qctl("migrate", queue);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(message);
        assertThat(admin.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            400 | Invalid body    | to: 7 (expected: a partition name)   | rejected a value
            404 | Not found       | queue demo/orders does not exist     | no such queue or partition: see qctl catalogue show
            409 | Conflict        | migration m0 already moves the queue | qctl migrations list --active
            503 | Service Unavailable | catalogue down                   | catalogue is unavailable
            """)
    void refusalsExitOneWithTheProxysWordsAndAHint(int status, String title, String description, String hint) {
        admin.stubFor(post("/v2/migrations").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"title\":\"" + title + "\",\"description\":\"" + description + "\"}")));

        Run run = qctl("migrate", "demo/orders", "--to", "p2");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + status + " " + title + ": " + description).contains("hint: " )
                .contains(hint);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aProxyWithoutTheCoordinatorIsNamedAsSuch() {
        admin.stubFor(post("/v2/migrations").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"404 Not Found\"}")));

        Run run = qctl("migrate", "demo/orders");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("this proxy has no migrations API");
    }

    @Test
    void unreachableProxySaysWhichUrlAndExitsThree() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = QctlRunner.run(Map.of(), "--url", "http://127.0.0.1:" + closedPort, "migrate", "demo/orders");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach http://127.0.0.1:" + closedPort + ": connection refused");
    }

    @Test
    void waitPollsUntilDoneThenPrintsTheFinalRecord() {
        stubStart();
        stubPhases(record("m1", "planned", 0, 0), record("m1", "copying", 2000, 5000),
                record("m1", "frozen", 5000, 5000), record("m1", "delta", 5000, 5000),
                record("m1", "thawed", 5000, 5000), record("m1", "done", 5000, 5000));

        Run run = qctl("migrate", "demo/orders", "--to", "p2", "--wait");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).contains("migration m1 started: demo/orders to p2", "phase:     done",
                "copied:    5000/5000", "pause_ms:  42", "error:     -");
        assertThat(run.err()).isEmpty();
        admin.verify(6, getRequestedFor(urlEqualTo("/v2/migrations/m1")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            failing    | failed    | agent http://10.0.0.2:7000 did not answer | it was rolled back: the queue stays on p1
            cancelling | cancelled | cancelled by an operator                  | it was cancelled
            """)
    void waitExitsOneWithTheErrorWhenTheMigrationDidNotEndDone(String rollback, String end, String error, String hint) {
        stubStart();
        stubPhases(record("m1", "copying", 10, 100), record("m1", "demo", "orders", rollback, 10, 100, error),
                record("m1", "demo", "orders", end, 10, 100, error));

        Run run = qctl("migrate", "demo/orders", "--wait");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("phase:     " + end);
        assertThat(run.err()).contains("error: migration m1 of demo/orders " + end + ": " + error)
                .contains("hint: " + hint).contains("qctl migrate demo/orders");
    }

    @Test
    void waitWithJsonOutputPrintsOnlyTheFinalRecord() throws IOException {
        stubStart();
        String done = record("m1", "done", 7, 7);
        stubPhases(record("m1", "copying", 3, 7), done);

        Run run = qctl("migrate", "demo/orders", "--wait", "--output", "json");

        assertThat(run.exit()).isZero();
        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(done));
    }

    @Test
    void waitAtATerminalDrawsABarWithPhaseCopiedAndPause() {
        stubStart();
        stubPhases(record("m1", "copying", 2500, 5000), record("m1", "frozen", 5000, 5000),
                record("m1", "done", 5000, 5000));
        List<String> drawn = new CopyOnWriteArrayList<>();

        Run run = QctlRunner.run(env(), () -> new DelegatingProgressBarConsumer(drawn::add, 160),
                "migrate", "demo/orders", "--wait");

        assertThat(run.exit()).isZero();
        assertThat(drawn).isNotEmpty();
        assertThat(drawn.get(drawn.size() - 1)).contains("demo/orders p1->p2").contains("100%")
                .contains("5000/5000 msg").contains("done, paused 42 ms");
        assertThat(run.lines()).last().isEqualTo("done: demo/orders p1 -> p2, 5000/5000 message(s) copied, "
                + "writes paused 42 ms");
    }
}
