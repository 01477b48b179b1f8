package io.shardq.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.common.json.Json;
import io.shardq.migration.client.AgentClient;
import io.shardq.migration.client.AgentClientException;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fences over HTTP, the agent's Zaqar-shaped errors, the transfer routes and the optional bearer token. */
class AgentRoutesIT {

    static final QueueRef QUEUE = QueueRef.of("acme", "fenced");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static AgentFixture agent;

    @BeforeAll
    static void startAgent() throws Exception {
        agent = new AgentFixture(null);
        agent.storage.messages().post(QueueRef.of("acme", "present"), List.of(NewMessage.of("{\"a\":1}", 600, 0)), "c")
                .toCompletableFuture().join();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
    }

    @Test
    void frozenFenceSetOverHttpBlocksWritesAndReadsBack() {
        FenceStore fences = agent.storage.fences();
        agent.client.setFence(QUEUE, Fence.FROZEN);

        assertThatThrownBy(() -> fences.enter(QUEUE, true).toCompletableFuture().join())
                .hasCauseInstanceOf(QueueFencedException.class);
        fences.enter(QUEUE, false).toCompletableFuture().join().close();
        assertThat(agent.client.fence(QUEUE)).isEqualTo(Fence.FROZEN);

        agent.client.setFence(QUEUE, Fence.movedTo("p2"));
        assertThat(agent.client.fence(QUEUE)).isEqualTo(Fence.movedTo("p2"));
        assertThat(get("/v2/fence?project=acme&queue=fenced").body()).isEqualTo("{\"fence\":\"moved; to=p2\"}");

        agent.client.setFence(QUEUE, Fence.ACTIVE);
        fences.enter(QUEUE, true).toCompletableFuture().join().close();
    }

    @Test
    void freezeAnswersOnlyOnceTheWriteInFlightHasFinished() throws Exception {
        QueueRef ref = QueueRef.of("acme", "busy");
        FenceStore.Lease write = agent.storage.fences().enter(ref, true).toCompletableFuture().join();

        CompletableFuture<Void> freeze = CompletableFuture.runAsync(() -> agent.client.setFence(ref, Fence.FROZEN));
        Thread.sleep(300);
        assertThat(freeze).isNotDone();

        write.close();
        freeze.get(10, TimeUnit.SECONDS);
        assertThat(agent.client.fence(ref)).isEqualTo(Fence.FROZEN);
    }

    @Test
    void transferRoutesExportStatesDeleteAndDrop() {
        QueueRef ref = QueueRef.of("acme", "small");
        List<String> ids = agent.storage.messages().post(ref, List.of(NewMessage.of("1", 600, 0),
                NewMessage.of("2", 600, 0), NewMessage.of("3", 600, 0)), "c").toCompletableFuture().join();

        assertThat(agent.client.export(ref, -1, 2).messages()).hasSize(2);
        var states = agent.client.states(ref, -1, 10);
        assertThat(states.states()).hasSize(3);
        assertThat(states.done()).isTrue();

        agent.client.deleteMessages(ref, List.of(ids.get(0)));
        assertThat(agent.client.export(ref, -1, 10).messages()).extracting(m -> m.id())
                .containsExactly(ids.get(1), ids.get(2));
        agent.client.applyStates(ref, states.states());

        agent.client.drop(ref);
        assertThatThrownBy(() -> agent.client.export(ref, -1, 10))
                .isInstanceOfSatisfying(AgentClientException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void dropKeepingTheFenceRemovesTheDataAndLeavesTheMovedFence() {
        QueueRef ref = QueueRef.of("acme", "moved");
        agent.storage.messages().post(ref, List.of(NewMessage.of("1", 600, 0)), "c").toCompletableFuture().join();
        agent.client.setFence(ref, Fence.movedTo("p2"));

        agent.client.drop(ref, true);

        assertThat(agent.client.fence(ref)).isEqualTo(Fence.movedTo("p2"));
        assertThat(agent.client.states(ref, -1, 10).states()).isEmpty();
        assertThatThrownBy(() -> agent.client.export(ref, -1, 10))
                .isInstanceOfSatisfying(AgentClientException.class, e -> assertThat(e.status()).isEqualTo(404));

        agent.client.drop(ref, false);
        assertThat(agent.client.fence(ref)).isEqualTo(Fence.ACTIVE);
    }

    @Test
    void aMisspeltKeepFenceDropsNothing() {
        QueueRef ref = QueueRef.of("acme", "kept");
        agent.storage.messages().post(ref, List.of(NewMessage.of("1", 600, 0)), "c").toCompletableFuture().join();
        agent.client.setFence(ref, Fence.movedTo("p2"));

        assertThat(send("DELETE", "/v2/transfer?project=acme&queue=kept&keepfence=true", null, null).statusCode())
                .isEqualTo(400);

        assertThat(agent.client.fence(ref)).isEqualTo(Fence.movedTo("p2"));
        assertThat(agent.client.states(ref, -1, 10).states()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "GET|/v2/transfer/export?project=acme||400",
            "GET|/v2/transfer/export?project=acme&queue=bad%20name||400",
            "GET|/v2/transfer/export?project=acme&queue=present&limit=0||400",
            "GET|/v2/transfer/export?project=acme&queue=present&after=x||400",
            "GET|/v2/transfer/export?project=acme&queue=absent||404",
            "POST|/v2/transfer/import?project=acme&queue=q|{\"messages\":[]}|400",
            "POST|/v2/transfer/import?project=acme&queue=q|not json|400",
            "POST|/v2/transfer/import?project=acme&queue=q||400",
            "POST|/v2/transfer/states?project=acme&queue=q|{\"states\":[{\"id\":1}]}|400",
            "POST|/v2/transfer/delete?project=acme&queue=q|{\"ids\":[1]}|400",
            "PUT|/v2/fence?project=acme&queue=q|{\"fence\":\"melted\"}|400",
            "PUT|/v2/fence?project=acme&queue=q|{}|400",
            "POST|/v2/copies|{\"queue\":\"q\",\"to\":\"ftp://x\"}|400",
            "POST|/v2/copies|{\"queue\":\"q\",\"to\":\"http://127.0.0.1:1\",\"page\":0}|400",
            "POST|/v2/copies|{\"to\":\"http://127.0.0.1:1\"}|400",
            "POST|/v2/copies|{\"queue\":\"q\",\"to\":\"http://127.0.0.1:1\",\"reconcile\":\"yes\"}|400",
            "DELETE|/v2/copies?project=acme||400",
            "DELETE|/v2/copies?project=acme&queue=q&force=1||400",
            "DELETE|/v2/transfer?project=acme&queue=q&keep_fence=maybe||400",
            "DELETE|/v2/transfer?project=acme&queue=q&keep_fences=true||400",
            "POST|/v2/transfer/digests?project=acme&queue=q|not json|400",
            "POST|/v2/transfer/digests?project=acme&queue=q|{\"ranges\":{}}|400",
            "POST|/v2/transfer/digests?project=acme&queue=q|{\"ranges\":[{\"from\":9,\"to\":1,\"count\":0,\"digest\":\"0000000000000000\"}]}|400",
            "POST|/v2/transfer/digests?project=acme&queue=q|{\"ranges\":[{\"from\":1,\"to\":9,\"count\":0,\"digest\":\"zz\"}]}|400",
            "POST|/v2/transfer/digests?project=acme&queue=q&after=3|{\"ranges\":[]}|400",
            "POST|/v2/transfer/digests?project=acme|{\"ranges\":[]}|400",
            "POST|/v2/transfer/replace?project=acme&queue=q&from=9&to=1|{\"last_position\":0,\"messages\":[],\"claims\":[],\"next_cursor\":0,\"done\":true}|400",
            "POST|/v2/transfer/replace?project=acme&queue=q&to=1|{\"last_position\":0,\"messages\":[],\"claims\":[],\"next_cursor\":0,\"done\":true}|400",
            "POST|/v2/transfer/replace?project=acme&queue=q&from=x&to=1|{\"last_position\":0,\"messages\":[],\"claims\":[],\"next_cursor\":0,\"done\":true}|400",
            "POST|/v2/transfer/replace?project=acme&queue=q&from=0&to=1|{\"last_position\":5,\"messages\":[{\"id\":\"m\",\"position\":5,\"body\":1,\"ttl\":60,\"created\":1,\"expires\":2}],\"claims\":[],\"next_cursor\":5,\"done\":true}|400",
            "POST|/v2/transfer/replace?project=acme&queue=q&from=0&to=1|{\"messages\":[]}|400",
            "PUT|/v2/transfer/claims?project=acme&queue=q|{\"claims\":[{\"id\":1}]}|400",
            "PUT|/v2/transfer/claims?project=acme&queue=q|{}|400",
            "GET|/v2/transfer/digests?project=acme&queue=q||405",
            "GET|/v2/copies/nope||404",
            "DELETE|/v2/copies/nope||404",
            "GET|/v2/nothing||404",
            "GET|/v2/catalogue-source/queues?limit=0||400",
            "GET|/v2/catalogue-source/queues?limit=1001||400",
            "GET|/v2/catalogue-source/queues?limit=x||400",
            "GET|/v2/catalogue-source/queues?after=noslash||400",
            "GET|/v2/catalogue-source/queues?afterr=acme/q||400",
            "POST|/v2/catalogue-source/queues||405",
            "POST|/v2/fence?project=acme&queue=q|{}|405"})
    void badRequestsGetZaqarShapedErrors(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(method, path, body, null);

        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = Json.mapper().readTree(response.body());
        assertThat(error.path("title").isTextual()).isTrue();
        if (status == 400) {
            assertThat(error.path("description").asText()).contains("expected");
        }
    }

    @Test
    void aTokenIsRequiredWhenConfigured() throws Exception {
        try (AgentFixture guarded = new AgentFixture("s3cret")) {
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(
                    URI.create(guarded.server.url() + "/v2/fence?queue=q")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(Json.mapper().readTree(anonymous.body()).path("title").asText()).isEqualTo("Authentication required");

            assertThat(guarded.client.fence(QueueRef.of("", "q"))).isEqualTo(Fence.ACTIVE);
            AgentClient wrong = new AgentClient(guarded.uri(), "other");
            assertThatThrownBy(() -> wrong.fence(QueueRef.of("", "q")))
                    .isInstanceOfSatisfying(AgentClientException.class, e -> assertThat(e.status()).isEqualTo(401));
        }
    }

    private static HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    private static HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent.server.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
