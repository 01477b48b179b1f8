package io.shardq.migration.unit;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.common.json.Json;
import io.shardq.partition.config.PartitionServerConfig;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partition unit over HTTP: what a client posts through the partition server, the agent exports from the
 * same storage, and a fence set through the agent stops the server's writes. Also as a process, the way
 * scripts/fleet runs it: the three lines it prints, on the embedded store that only one process can open.
 */
class PartitionUnitIT {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void theAgentExportsWhatThePartitionServerStoredAndItsFenceStopsTheServersWrites() throws Exception {
        UnitConfig config = new UnitConfig(PartitionServerConfig.defaults().withPorts(0, 0).withName("p1"),
                new UnitAgentConfig("127.0.0.1", 0, null));
        PartitionUnit unit = PartitionUnit.start(config, new InMemoryStorage(Clock.systemUTC()), Clock.systemUTC(),
                new MetricRegistry());
        try {
            assertThat(post(unit.publicUrl(), "acme", "orders", "{\"order\": 1}").statusCode()).isEqualTo(201);

            JsonNode page = exportPage(unit.agentUrl(), "acme", "orders");
            assertThat(page.path("messages")).hasSize(1);
            assertThat(page.path("messages").get(0).path("body").path("order").asInt()).isEqualTo(1);

            HttpResponse<String> freeze = send(HttpRequest.newBuilder(URI.create(unit.agentUrl()
                    + "/v2/fence?project=acme&queue=orders")).PUT(body("{\"fence\":\"frozen\"}")));
            assertThat(freeze.statusCode()).isEqualTo(204);
            HttpResponse<String> refused = post(unit.publicUrl(), "acme", "orders", "{\"order\": 2}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.headers().firstValue("X-Queue-Fence")).hasValue("frozen");
        } finally {
            unit.stop();
        }
    }

    @Test
    void asAProcessItPrintsItsThreeUrlsAndServesBothOverTheEmbeddedStore() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                PartitionUnitMain.class.getName(), "--name", "p7", "--public-port", "0", "--admin-port", "0",
                "--agent-port", "0", "--storage", "embedded", "--storage-uri", dir.toUri().toString())
                .redirectErrorStream(true).start();
        try {
            Map<String, String> urls = awaitUrls(process);
            assertThat(urls.keySet()).containsExactlyInAnyOrder("public", "admin", "agent");

            assertThat(post(urls.get("public"), "tenant", "jobs", "[1, 2]").statusCode()).isEqualTo(201);
            JsonNode page = exportPage(urls.get("agent"), "tenant", "jobs");
            assertThat(page.path("messages").get(0).path("body").toString()).isEqualTo("[1,2]");
            assertThat(send(HttpRequest.newBuilder(URI.create(urls.get("admin") + "/v2/health")).GET()).statusCode())
                    .isEqualTo(200);
        } finally {
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    /** Reads {@code public|admin|agent http://…} lines until it has all three (the process's other output is logs). */
    private static Map<String, String> awaitUrls(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> urls = new HashMap<>();
        List<String> seen = new ArrayList<>();
        String line;
        while (urls.size() < 3 && (line = out.readLine()) != null) {
            seen.add(line);
            String[] words = line.split(" ");
            if (words.length == 2 && List.of("public", "admin", "agent").contains(words[0])
                    && words[1].startsWith("http://")) {
                urls.put(words[0], words[1]);
            }
        }
        assertThat(urls).as("URLs printed before the output ended: %s", seen).hasSize(3);
        Thread drain = new Thread(() -> out.lines().forEach(ignored -> { }), "unit-output");
        drain.setDaemon(true);
        drain.start();
        return urls;
    }

    private static HttpResponse<String> post(String base, String project, String queue, String messageBody)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + "/v2/queues/" + queue + "/messages"))
                .header("Client-ID", "3381af92-2b9e-11e3-b191-71861300734c")
                .header("X-Project-ID", project)
                .POST(body("{\"messages\":[{\"ttl\":300,\"body\":" + messageBody + "}]}")));
    }

    private static JsonNode exportPage(String agent, String project, String queue)
            throws IOException, InterruptedException {
        HttpResponse<String> export = send(HttpRequest.newBuilder(URI.create(agent + "/v2/transfer/export?project="
                + project + "&queue=" + queue)).GET());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        return Json.mapper().readTree(export.body());
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
