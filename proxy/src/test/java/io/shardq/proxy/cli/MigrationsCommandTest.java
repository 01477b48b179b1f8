package io.shardq.proxy.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.shardq.proxy.cli.MigrationRecords.list;
import static io.shardq.proxy.cli.MigrationRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shardq.common.json.Json;
import io.shardq.proxy.cli.QctlRunner.Run;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code qctl migrations list | show | cancel}: paths, filters, tables, JSON and the errors' hints. */
class MigrationsCommandTest {

    @RegisterExtension
    static WireMockExtension admin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Run qctl(String... args) {
        return QctlRunner.run(Map.of("QCTL_URL", admin.baseUrl(), "ADMIN_TOKEN", "secret-admin-token"), args);
    }

    @Test
    void listPrintsOneRowPerMigration() {
        admin.stubFor(get("/v2/migrations").willReturn(okJson(list(record("m1", "done", 5000, 5000),
                record("m2", "", "jobs", "failed", 10, 300, "agent down")))));

        Run run = qctl("migrations", "list");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).containsExactly(
                "ID  QUEUE        FROM  TO  PHASE   COPIED     PAUSE_MS  UPDATED               ERROR",
                "m1  demo/orders  p1    p2  done    5000/5000  42        2024-05-01T10:00:05Z  -",
                "m2  /jobs        p1    p2  failed  10/300     42        2024-05-01T10:00:05Z  agent down");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            migrations list --active                  | /v2/migrations?active=true
            migrations list --partition p1            | /v2/migrations?partition=p1
            migrations list --partition p1 --active   | /v2/migrations?partition=p1&active=true
            """)
    void listFiltersGoIntoTheQuery(String command, String url) {
        admin.stubFor(get(urlEqualTo(url)).willReturn(okJson(list(record("m1", "copying", 1, 2)))));

        Run run = qctl(command.split(" "));

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("m1  demo/orders");
        admin.verify(getRequestedFor(urlEqualTo(url)));
    }

    @Test
    void aPartitionWithASpaceIsPercentEncoded() {
        admin.stubFor(get(urlEqualTo("/v2/migrations?partition=p%201")).willReturn(okJson(list())));

        Run run = qctl("migrations", "list", "--partition", "p 1");

        assertThat(run.exit()).isZero();
        admin.verify(getRequestedFor(urlEqualTo("/v2/migrations?partition=p%201")));
    }

    @Test
    void anEmptyListSaysSoAndHowToStartOne() {
        admin.stubFor(get(urlEqualTo("/v2/migrations?partition=p1&active=true")).willReturn(okJson(list())));

        Run run = qctl("migrations", "list", "--active", "--partition", "p1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("no active migrations from or to partition p1").contains("qctl migrate");
    }

    @Test
    void listJsonIsTheApiAnswer() throws IOException {
        String body = list(record("m1", "copying", 1, 2));
        admin.stubFor(get("/v2/migrations").willReturn(okJson(body)));

        Run run = qctl("migrations", "list", "-o", "json");

        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(body));
    }

    @Test
    void showPrintsEveryField() {
        admin.stubFor(get("/v2/migrations/m2").willReturn(okJson(record("m2", "", "jobs", "failed", 10, 300,
                "agent http://10.0.0.2:7000 did not answer"))));

        Run run = qctl("migrations", "show", "m2");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).containsExactly(
                "id:        m2",
                "queue:     /jobs",
                "from:      p1",
                "to:        p2",
                "phase:     failed",
                "copied:    10/300",
                "pause_ms:  42",
                "error:     agent http://10.0.0.2:7000 did not answer",
                "created:   2024-05-01T10:00:00Z",
                "updated:   2024-05-01T10:00:05Z");
    }

    @Test
    void showJsonIsTheRecord() throws IOException {
        String body = record("m1", "frozen", 5, 5);
        admin.stubFor(get("/v2/migrations/m1").willReturn(okJson(body)));

        Run run = qctl("migrations", "show", "m1", "--output", "json");

        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(body));
    }

    @Test
    void aProxyWithoutTheCoordinatorIsNamedAsSuchWithoutRepeatingTheStatus() {
        admin.stubFor(get("/v2/migrations").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"title\":\"404 Not Found\"}")));

        Run run = qctl("migrations", "list");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).containsExactly("error: 404 Not Found",
                "hint: this proxy has no migrations API: it predates the migration coordinator; upgrade it (or is "
                        + "--url another service?)");
    }

    @Test
    void cancelDeletesAndSaysItRollsBack() {
        admin.stubFor(delete("/v2/migrations/m1").willReturn(noContent()));

        Run run = qctl("migrations", "cancel", "m1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("migration m1: cancel requested; it rolls back")
                .contains("qctl migrations show m1");
        admin.verify(deleteRequestedFor(urlEqualTo("/v2/migrations/m1")));
    }

    @Test
    void cancelJsonPrintsTheRecordAfterTheRequest() throws IOException {
        String cancelling = record("m1", "cancelling", 5, 9);
        admin.stubFor(delete("/v2/migrations/m1").willReturn(noContent()));
        admin.stubFor(get("/v2/migrations/m1").willReturn(okJson(cancelling)));

        Run run = qctl("migrations", "cancel", "m1", "-o", "json");

        assertThat(run.exit()).isZero();
        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(cancelling));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            migrations show m9   | GET    | /v2/migrations/m9 | 404 | Not found | no such migration: see qctl migrations list
            migrations cancel m9 | DELETE | /v2/migrations/m9 | 404 | Not found | no such migration
            migrations cancel m1 | DELETE | /v2/migrations/m1 | 409 | Conflict  | it can no longer be rolled back: the queue already switched partitions (thawed)
            migrations list      | GET    | /v2/migrations    | 401 | Unauthorized  | check --token or ADMIN_TOKEN
            """)
    void errorsExitOneWithTheBodyAndAHint(String command, String method, String path, int status, String title,
                                          String hint) {
        admin.stubFor(com.github.tomakehurst.wiremock.client.WireMock.request(method, urlEqualTo(path))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"" + title + "\",\"description\":\"details here\"}")));

        Run run = qctl(command.split(" "));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + status + " " + title + ": details here").contains("hint: " + hint);
        assertThat(run.out()).isEmpty();
    }
}
