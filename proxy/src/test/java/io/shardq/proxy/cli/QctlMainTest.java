package io.shardq.proxy.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.status;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.shardq.common.json.Json;
import io.shardq.proxy.cli.QctlRunner.Run;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** qctl against a WireMock admin API: tables, JSON, exit codes, headers and bodies sent. */
class QctlMainTest {

    private static final String TOKEN = "secret-admin-token";
    private static final String PARTITIONS = """
            {"partitions":[
              {"name":"p1","weight":1,"nodes":["http://127.0.0.1:9001"],"agent":null,"capabilities":{},
               "state":"active","href":"/v2/partitions/p1"},
              {"name":"partition-two","weight":10,"nodes":["http://10.0.0.2:8888","http://10.0.0.3:8888"],
               "agent":"http://10.0.0.2:7000","capabilities":{"fifo":true},"state":"draining",
               "href":"/v2/partitions/partition-two"}]}""";

    @RegisterExtension
    static WireMockExtension admin = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private Run qctl(String... args) {
        return qctl(Map.of("QCTL_URL", admin.baseUrl(), "ADMIN_TOKEN", TOKEN), args);
    }

    private static Run qctl(Map<String, String> env, String... args) {
        return QctlRunner.run(env, args);
    }

    @Test
    void partitionsListPrintsAlignedTable() {
        admin.stubFor(get("/v2/partitions").willReturn(okJson(PARTITIONS)));

        Run run = qctl("partitions", "list");

        assertThat(run.exit()).isZero();
        assertThat(run.lines()).containsExactly(
                "NAME           WEIGHT  STATE     NODES                                      AGENT                 CAPABILITIES",
                "p1             1       active    http://127.0.0.1:9001                      -                     -",
                "partition-two  10      draining  http://10.0.0.2:8888,http://10.0.0.3:8888  http://10.0.0.2:7000  fifo=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before", "after"})
    void jsonOutputPrintsTheApiJsonWhereverTheOptionStands(String where) throws IOException {
        admin.stubFor(get("/v2/partitions").willReturn(okJson(PARTITIONS)));

        Run run = where.equals("before") ? qctl("--output", "json", "partitions", "list")
                : qctl("partitions", "list", "--output", "JSON");

        assertThat(run.exit()).isZero();
        assertThat(Json.mapper().readTree(run.out())).isEqualTo(Json.mapper().readTree(PARTITIONS));
    }

    @Test
    void sendsTheBearerTokenFromTheEnvironment() {
        admin.stubFor(get("/v2/partitions").willReturn(okJson(PARTITIONS)));

        qctl("partitions", "list");

        admin.verify(getRequestedFor(urlEqualTo("/v2/partitions")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void tokenAndUrlOptionsOverrideTheEnvironment() {
        admin.stubFor(get("/v2/partitions").willReturn(okJson(PARTITIONS)));

        Run run = qctl(Map.of("QCTL_URL", "http://127.0.0.1:1", "ADMIN_TOKEN", TOKEN),
                "partitions", "list", "--url", admin.baseUrl(), "--token", "from-the-flag");

        assertThat(run.exit()).isZero();
        admin.verify(getRequestedFor(urlEqualTo("/v2/partitions")).withHeader("Authorization", equalTo("Bearer from-the-flag")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            partitions list            | GET    | /v2/partitions     | 401 | Unauthorized   | check --token or ADMIN_TOKEN
            partitions show nope       | GET    | /v2/partitions/nope | 404 | Not found      | no such partition
            partitions remove p1       | DELETE | /v2/partitions/p1  | 409 | Conflict       | qctl partitions drain NAME
            catalogue show --project x q | GET  | /v2/catalogue/q    | 404 | Not found      | qctl catalogue list --project P
            health                     | GET    | /v2/health         | 503 | Service Unavailable | catalogue is unavailable
            partitions set-weight p1 3 | PATCH  | /v2/partitions/p1  | 500 | Internal server error | proxy's log
            """)
    void apiErrorsExitOneWithTitleDescriptionAndHint(String command, String method, String path, int status,
                                                    String title, String hint) {
        admin.stubFor(com.github.tomakehurst.wiremock.client.WireMock.request(method, urlEqualTo(path))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"title\":\"" + title + "\",\"description\":\"details here\"}")));

        Run run = qctl(command.split(" "));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: " + status + " " + title + ": details here").contains("hint: ").contains(hint);
        assertThat(run.out()).isEmpty();
    }

    @Test
    void nonJsonErrorBodyIsQuoted() {
        admin.stubFor(get("/v2/partitions").willReturn(status(502).withBody("<html>bad gateway</html>")));

        Run run = qctl("partitions", "list");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: 502 HTTP 502: <html>bad gateway</html>");
    }

    @Test
    void unreachableProxyExitsThreeWithAHint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run run = qctl(Map.of(), "--url", "http://127.0.0.1:" + closedPort, "health");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.err()).contains("cannot reach http://127.0.0.1:" + closedPort)
                .contains("is the proxy running at http://127.0.0.1:" + closedPort);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "bogus", "partitions", "partitions add p1 --node http://h:1",
            "partitions add p1 --weight 1", "partitions add p1 --weight -1 --node http://h:1",
            "partitions add p1 --weight 1 --node not-a-url", "partitions set-weight p1 heavy",
            "--url ftp://h health", "--output yaml health", "catalogue list", "catalogue list --project p --limit 0",
            "partitions add p1 --weight 1 --node http://h:1 --capability fifo=maybe", "migrate", "migrate orders",
            "migrate demo/", "migrate demo/bad*name", "migrate demo/orders --to", "migrations", "migrations show",
            "migrations cancel", "migrations list --partition"})
    void usageErrorsExitTwoWithoutCallingTheApi(String command) {
        Run run = qctl(command.isEmpty() ? new String[0] : command.split(" "));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isNotEmpty();
        assertThat(admin.getAllServeEvents()).isEmpty();
    }

    @Test
    void addPutsWeightNodesAgentAndCapabilities() {
        admin.stubFor(put("/v2/partitions/p3").willReturn(status(201)));

        Run run = qctl("partitions", "add", "p3", "--weight", "2", "--node", "http://10.0.0.5:8888",
                "--node", "http://10.0.0.6:8888", "--agent", "http://10.0.0.5:7000", "--capability", "fifo=true");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("partition p3 added: weight 2, nodes http://10.0.0.5:8888,http://10.0.0.6:8888, "
                + "agent http://10.0.0.5:7000");
        admin.verify(putRequestedFor(urlEqualTo("/v2/partitions/p3"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"weight":2,"nodes":["http://10.0.0.5:8888","http://10.0.0.6:8888"],
                         "agent":"http://10.0.0.5:7000","capabilities":{"fifo":true}}""")));
    }

    @Test
    void addOfAnExistingPartitionSaysReplaced() {
        admin.stubFor(put("/v2/partitions/p1").willReturn(noContent()));

        Run run = qctl("partitions", "add", "p1", "--weight", "1", "--node", "http://127.0.0.1:9001");

        assertThat(run.out()).contains("partition p1 replaced").contains("no agent");
    }

    @Test
    void drainSetsWeightZeroAndStateDrainingAndSaysTheProxiesMoveItsQueues() {
        admin.stubFor(patch(urlEqualTo("/v2/partitions/p1")).willReturn(okJson("{\"name\":\"p1\"}")));
        admin.stubFor(get("/v2/partitions/p1").willReturn(okJson("""
                {"name":"p1","weight":0,"nodes":[],"state":"draining","queues":7}""")));

        Run run = qctl("partitions", "drain", "p1");

        assertThat(run.exit()).isZero();
        admin.verify(patchRequestedFor(urlEqualTo("/v2/partitions/p1"))
                .withRequestBody(equalToJson("{\"weight\":0,\"state\":\"draining\"}")));
        assertThat(run.out()).contains("p1 is draining").contains("move its 7 queue(s) to other partitions")
                .contains("qctl partitions drain p1 --wait");
    }

    @Test
    void removeDeletesThePartition() {
        admin.stubFor(delete("/v2/partitions/p1").willReturn(noContent()));

        Run run = qctl("partitions", "remove", "p1");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("partition p1 removed");
        admin.verify(deleteRequestedFor(urlEqualTo("/v2/partitions/p1")));
    }

    @Test
    void partitionShowPrintsFields() {
        admin.stubFor(get("/v2/partitions/p1").willReturn(okJson("""
                {"name":"p1","weight":1,"nodes":["http://127.0.0.1:9001"],"agent":null,"capabilities":{},
                 "state":"active","queues":3}""")));

        Run run = qctl("partitions", "show", "p1");

        assertThat(run.lines()).contains("name:          p1", "queues:        3", "agent:         -");
    }

    @Test
    void catalogueListAllFollowsPagesWithTheProjectHeader() throws IOException {
        admin.stubFor(get(urlEqualTo("/v2/catalogue?limit=2")).withHeader("X-Project-ID", equalTo("demo"))
                .willReturn(okJson(page("a", "b"))));
        admin.stubFor(get(urlEqualTo("/v2/catalogue?limit=2&marker=b")).willReturn(okJson(page("c"))));
        admin.stubFor(get(urlEqualTo("/v2/catalogue?limit=2&marker=c")).willReturn(okJson(page())));

        Run table = qctl("catalogue", "list", "--project", "demo", "--limit", "2", "--all");
        Run json = qctl("catalogue", "list", "--project", "demo", "--limit", "2", "--all", "-o", "json");

        assertThat(table.exit()).isZero();
        assertThat(table.lines()).hasSize(4);
        assertThat(table.lines().get(0)).startsWith("QUEUE  PARTITION  STATE   VERSION  CREATED");
        assertThat(table.lines().get(3)).startsWith("c      p1         active  1");
        JsonNode all = Json.mapper().readTree(json.out());
        assertThat(all.path("catalogue")).hasSize(3);
        admin.verify(getRequestedFor(urlPathEqualTo("/v2/catalogue")).withHeader("X-Project-ID", equalTo("demo")));
    }

    @Test
    void catalogueRegenerateExitsZeroWhenEveryPartitionAnsweredAndPrintsTheReport() throws IOException {
        admin.stubFor(post("/v2/regenerate").withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson("""
                        {"partitions_scanned":3,"created":40,"unchanged":2,"conflicts":[],"failed_partitions":{}}""")));

        Run table = qctl("catalogue", "regenerate");
        Run json = qctl("catalogue", "regenerate", "-o", "json");

        assertThat(table.exit()).isZero();
        assertThat(table.lines()).containsExactly("partitions scanned:  3", "entries created:     40",
                "already catalogued:  2");
        assertThat(json.exit()).isZero();
        assertThat(Json.mapper().readTree(json.out()).path("created").asLong()).isEqualTo(40);
        admin.verify(2, postRequestedFor(urlEqualTo("/v2/regenerate")));
    }

    @Test
    void catalogueListWithoutLimitAsksForTheProxysDefaultPage() {
        admin.stubFor(get(urlEqualTo("/v2/catalogue")).willReturn(okJson(page("a"))));
        admin.stubFor(get(urlEqualTo("/v2/catalogue?limit=100")).willReturn(okJson(page("a"))));
        admin.stubFor(get(urlEqualTo("/v2/catalogue?limit=100&marker=a")).willReturn(okJson(page())));

        Run one = qctl("catalogue", "list", "--project", "demo");
        Run all = qctl("catalogue", "list", "--project", "demo", "--all");

        assertThat(one.exit()).isZero();
        assertThat(one.lines()).hasSize(2);
        assertThat(all.exit()).isZero();
        assertThat(all.lines()).hasSize(2);
    }

    @Test
    void catalogueListOfAFullPageSaysMoreMayFollow() {
        admin.stubFor(get(urlEqualTo("/v2/catalogue?limit=2")).willReturn(okJson(page("a", "b"))));

        Run run = qctl("catalogue", "list", "--project", "demo", "--limit", "2");

        assertThat(run.out()).contains("(more may follow: --marker b or --all)");
    }

    @ParameterizedTest
    @CsvSource({"true, 0, healthy", "false, 4, NOT healthy"})
    void healthExitCodeFollowsTheFleet(boolean healthy, int exit, String verdict) {
        admin.stubFor(get("/v2/health").willReturn(okJson("""
                {"catalogue_cache_trusted":true,"healthy":%s,"partitions":[{"name":"p1","state":"active","weight":1,
                 "nodes":[{"uri":"http://127.0.0.1:9001","healthy":%s,"consecutive_failures":0}],"serving":%s}]}"""
                .formatted(healthy, healthy, healthy))));

        Run run = qctl("health");

        assertThat(run.exit()).isEqualTo(exit);
        assertThat(run.out()).contains("http://127.0.0.1:9001").contains(verdict);
    }

    @Test
    void completionPrintsABashScript() {
        Run run = qctl("completion");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("complete -F").contains("qctl").contains("partitions").contains("set-weight");
        assertThat(admin.getAllServeEvents()).isEmpty();
    }

    private static String page(String... queues) {
        StringBuilder entries = new StringBuilder();
        for (String queue : queues) {
            entries.append(entries.isEmpty() ? "" : ",").append("""
                    {"queue":"%s","project":"demo","partition":"p1","state":"active","version":1,
                     "created":"2024-01-01T00:00:00Z","href":"/v2/catalogue/%s"}""".formatted(queue, queue));
        }
        return "{\"catalogue\":[" + entries + "],\"links\":[]}";
    }
}
