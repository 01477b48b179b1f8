package io.shardq.partition.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.shardq.common.zaqar.ApiVersion;
import io.shardq.common.zaqar.HttpError;
import io.shardq.common.zaqar.QueryParams;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.Touched;
import io.shardq.partition.storage.memory.InMemoryStorage;
import io.shardq.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link FenceGuard} over the in-memory fence store: who is let through, and how long a write holds its lease. */
class FenceGuardTest {

    private static final QueueRef QUEUE = QueueRef.of("p", "q");

    private final InMemoryStorage storage = new InMemoryStorage(MutableClock.startingNow(), Duration.ZERO);
    private final FenceGuard guard = new FenceGuard(storage.fences(), new ErrorMapper());
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void close() {
        storage.close();
    }

    @ParameterizedTest
    @CsvSource({
            "active,       READ,  true",
            "active,       WRITE, true",
            "frozen,       READ,  true",
            "frozen,       WRITE, false",
            "moved; to=p2, READ,  false",
            "moved; to=p2, WRITE, false"})
    void theFenceDecidesWhetherTheActionRuns(String fence, Route.Access access, boolean runs) throws Exception {
        storage.fences().set(QUEUE, Fence.parse(fence)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        CompletableFuture<ApiResponse> result = guard.guard(route(access, r -> done())).action()
                .handle(request()).toCompletableFuture();

        assertThat(calls.get()).isEqualTo(runs ? 1 : 0);
        if (runs) {
            assertThat(result.get().status().code()).isEqualTo(204);
        } else {
            assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(QueueFencedException.class);
        }
    }

    @Test
    void aWriteHoldsItsLeaseUntilItsStageCompletes() throws Exception {
        CompletableFuture<ApiResponse> running = new CompletableFuture<>();
        CompletionStage<ApiResponse> result = guard.guard(route(Route.Access.WRITE, r -> running)).action().handle(request());
        CompletableFuture<Void> freeze = storage.fences().set(QUEUE, Fence.FROZEN).toCompletableFuture();

        Thread.sleep(100);
        assertThat(freeze).isNotDone();
        running.completeExceptionally(new IllegalStateException("storage failed"));
        freeze.get(5, TimeUnit.SECONDS);
        assertThat(result.toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void aWriteThatThrowsReleasesItsLease() throws Exception {
        Route.Action throwing = r -> {
            throw HttpError.invalidBody("bad");
        };
        CompletableFuture<ApiResponse> result = guard.guard(route(Route.Access.WRITE, throwing)).action()
                .handle(request()).toCompletableFuture();

        assertThatThrownBy(result::get).hasCauseInstanceOf(HttpError.class);
        storage.fences().set(QUEUE, Fence.FROZEN).toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    @Test
    void whileTheQueueJournalsAWriteRecordsWhatItsHandlerSaysItChanged() throws Exception {
        startJournal();
        AtomicBoolean journaled = new AtomicBoolean();
        Route.Action posting = r -> {
            journaled.set(r.journaling());
            return CompletableFuture.completedFuture(ApiResponse.noContent().withTouched(Touched.of(List.of("m1", "m2"))));
        };
        guard.guard(route(Route.Access.WRITE, posting)).action().handle(request()).toCompletableFuture().get();
        guard.guard(route(Route.Access.WRITE, r -> CompletableFuture.failedFuture(new MessageClaimedException("m9"))))
                .action().handle(request()).toCompletableFuture().handle((ok, failure) -> null).get();
        guard.guard(route(Route.Access.READ, r -> done())).action().handle(request()).toCompletableFuture().get();

        assertThat(journaled).isTrue();
        assertThat(journal()).isEqualTo(new Journal(true, Set.of("m1", "m2")));
        storage.fences().set(QUEUE, Fence.FROZEN).toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    @Test
    void aWriteThatDoesNotSayOrFailsOnTheServerMakesTheJournalIncomplete() throws Exception {
        startJournal();
        guard.guard(route(Route.Access.WRITE, r -> done())).action().handle(request()).toCompletableFuture().get();
        assertThat(journal()).isEqualTo(Journal.INCOMPLETE);

        startJournal();
        guard.guard(route(Route.Access.WRITE, r -> CompletableFuture.failedFuture(new IllegalStateException("boom"))))
                .action().handle(request()).toCompletableFuture().handle((ok, failure) -> null).get();
        assertThat(journal()).isEqualTo(Journal.INCOMPLETE);
    }

    @Test
    void withoutAJournalHandlersAreNotAskedToJournal() throws Exception {
        AtomicBoolean journaled = new AtomicBoolean(true);
        guard.guard(route(Route.Access.WRITE, r -> {
            journaled.set(r.journaling());
            return done();
        })).action().handle(request()).toCompletableFuture().get();
        assertThat(journaled).isFalse();
    }

    private void startJournal() throws Exception {
        storage.fences().startJournal(QUEUE).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private Journal journal() throws Exception {
        return storage.fences().readJournal(QUEUE).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void routesWithoutAQueueAreLeftAlone() {
        Route home = new Route("home", HttpMethod.GET, "/v2/", r -> done(), null);
        assertThat(guard.guard(home)).isSameAs(home);
    }

    @Test
    void aQueueRouteWithoutAnAccessModeIsABug() {
        Route unmarked = new Route("queues.get", HttpMethod.GET, "/v2/queues/{queue_name}", r -> done(), null);
        assertThatThrownBy(() -> guard.guard(unmarked)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("queues.get");
    }

    private Route route(Route.Access access, Route.Action action) {
        return new Route("test." + access, HttpMethod.POST, "/v2/queues/{queue_name}/x", request -> {
            calls.incrementAndGet();
            return action.handle(request);
        }, null, access);
    }

    private static CompletionStage<ApiResponse> done() {
        return CompletableFuture.completedFuture(ApiResponse.noContent());
    }

    private static ApiRequest request() {
        return new ApiRequest(HttpMethod.POST, "/v2/queues/q/x", ApiVersion.V2, Map.of("queue_name", "q"),
                QueryParams.empty(), new DefaultHttpHeaders().set("X-Project-ID", "p"), new byte[0], null);
    }
}
