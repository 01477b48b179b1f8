package io.shardq.partition.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.shardq.common.zaqar.HttpError;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.InvalidClaimException;
import io.shardq.partition.storage.MessageClaimedException;
import io.shardq.partition.storage.MessageNotClaimedException;
import io.shardq.partition.storage.MessageNotFoundException;
import io.shardq.partition.storage.QueueNotFoundException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class ErrorMapperTest {

    private static final QueueRef QUEUE = QueueRef.of("p1", "q");
    private static final Route ROUTE = new Route("messages.post", HttpMethod.POST, "/v2/queues/{queue_name}/messages",
            request -> CompletableFuture.completedFuture(ApiResponse.noContent()), "Messages could not be enqueued.");
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final ErrorMapper mapper = new ErrorMapper();

    static Stream<Arguments> storageFailures() {
        return Stream.of(
                Arguments.of(new QueueNotFoundException(QUEUE), 404, "Not found",
                        "Queue q does not exist for project p1"),
                Arguments.of(new MessageNotFoundException(QUEUE, "m1"), 404, "Not found",
                        "Message m1 does not exist in queue q for project p1"),
                Arguments.of(new ClaimNotFoundException(QUEUE, "c1"), 404, "Not found",
                        "Claim c1 does not exist in queue q for project p1"),
                Arguments.of(new MessageClaimedException("m1"), 403, "Unable to delete",
                        "This message is claimed; it cannot be deleted without a valid claim ID."),
                Arguments.of(new MessageNotClaimedException("m1"), 400, "Unable to delete",
                        "A claim was specified, but the message is not currently claimed."),
                Arguments.of(new InvalidClaimException("c1"), 400, "Unable to delete",
                        "The specified claim does not exist or has expired."),
                Arguments.of(new StorageUnavailableException("redis down", null), 503,
                        "Service temporarily unavailable",
                        "Messages could not be enqueued. Please try again in a few seconds."));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("storageFailures")
    void storageExceptionBecomesZaqarError(Throwable failure, int status, String title, String description) {
        assertError(mapper.map(failure, ROUTE), status, title, description);
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("storageFailures")
    void wrappedStorageExceptionIsUnwrapped(Throwable failure, int status, String title, String description) {
        Throwable wrapped = new CompletionException(new ExecutionException(new CompletionException(failure)));

        assertError(mapper.map(wrapped, ROUTE), status, title, description);
    }

    static Stream<Arguments> httpErrors() {
        return Stream.of(
                Arguments.of(HttpError.invalidApiRequest("Limit must be at least 1 and no greater than 20."), 400,
                        "{\"title\":\"Invalid API request\","
                                + "\"description\":\"Limit must be at least 1 and no greater than 20.\"}"),
                Arguments.of(HttpError.invalidBody("Request body could not be parsed."), 400,
                        "{\"title\":\"Invalid request body\",\"description\":\"Request body could not be parsed.\"}"),
                Arguments.of(HttpError.invalidParameter("The \"limit\" parameter is invalid. The value must be an integer."),
                        400, "{\"title\":\"Invalid parameter\",\"description\":"
                                + "\"The \\\"limit\\\" parameter is invalid. The value must be an integer.\"}"),
                Arguments.of(HttpError.notFound("Queue q does not exist for project p1"), 404,
                        "{\"title\":\"Not found\",\"description\":\"Queue q does not exist for project p1\"}"),
                Arguments.of(HttpError.conflict("Can't replace non-existent object k."), 409,
                        "{\"title\":\"Resource conflict\",\"description\":\"Can't replace non-existent object k.\"}"),
                Arguments.of(HttpError.routeNotFound(), 404, "{\"title\":\"404 Not Found\"}"),
                Arguments.of(HttpError.methodNotAllowed("GET, PUT"), 405, "{\"title\":\"405 Method Not Allowed\"}"),
                Arguments.of(HttpError.of(HttpResponseStatus.BAD_REQUEST,
                        "Length of client id must be at least 10 and no greater than 36.", null), 400,
                        "{\"title\":\"Length of client id must be at least 10 and no greater than 36.\"}"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("httpErrors")
    void httpErrorIsRenderedAsZaqarBodyWithDescriptionOmittedWhenNull(HttpError error, int status, String body) {
        ApiResponse response = mapper.map(error, ROUTE);

        assertThat(response.status().code()).isEqualTo(status);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(body);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.headers()).containsEntry("Vary", "Accept");
    }

    @Test
    void methodNotAllowedListsTheAllowedMethods() {
        ApiResponse response = mapper.map(HttpError.methodNotAllowed("DELETE, GET, PUT"), ROUTE);

        assertThat(response.headers()).containsEntry("Allow", "DELETE, GET, PUT");
    }

    @Test
    void notAcceptableHasAnEmptyBodyAndNoContentType() {
        ApiResponse response = mapper.map(new CompletionException(HttpError.notAcceptable()), ROUTE);

        assertThat(response.status().code()).isEqualTo(406);
        assertThat(response.body()).isEmpty();
        assertThat(response.contentType()).isNull();
    }

    @Test
    void storageOutageIs503WithRetryAfterAndTheRoutesText() {
        ApiResponse response = mapper.map(new StorageUnavailableException("timeout", new RuntimeException()), ROUTE);

        assertThat(response.headers()).containsEntry("Retry-After", ErrorMapper.RETRY_AFTER_SECONDS);
        assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"title\":\"Service temporarily unavailable\","
                + "\"description\":\"Messages could not be enqueued. Please try again in a few seconds.\"}");
    }

    @Test
    void storageOutageWithoutARouteStillSaysToRetry() {
        assertError(mapper.map(new StorageUnavailableException("down", null), null), 503,
                "Service temporarily unavailable", "The request could not be served. Please try again in a few seconds.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unexpectedFailures")
    void unexpectedFailureIs500WhoseDescriptionCarriesAnId(Function<RuntimeException, Throwable> wrap) {
        ApiResponse response = mapper.map(wrap.apply(new IllegalStateException("bug")), ROUTE);

        assertThat(response.status().code()).isEqualTo(500);
        ErrorBodyView body = ErrorBodyView.of(response);
        assertThat(body.title()).isEqualTo("Internal server error");
        assertThat(body.description()).matches("An unexpected error occurred; quote this id to the operator: "
                + UUID_PATTERN).doesNotContain("bug");
        assertThat(response.headers()).doesNotContainKey("Retry-After");
    }

    static Stream<Arguments> unexpectedFailures() {
        return Stream.of(
                Arguments.of(ErrorMapperTest.<Function<RuntimeException, Throwable>>named("bare", failure -> failure)),
                Arguments.of(ErrorMapperTest.<Function<RuntimeException, Throwable>>named("in CompletionException",
                        CompletionException::new)),
                Arguments.of(ErrorMapperTest.<Function<RuntimeException, Throwable>>named("in ExecutionException",
                        ExecutionException::new)));
    }

    @Test
    void eachUnexpectedFailureGetsItsOwnId() {
        String first = ErrorBodyView.of(mapper.map(new NullPointerException(), ROUTE)).description();
        String second = ErrorBodyView.of(mapper.map(new NullPointerException(), ROUTE)).description();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void unexpectedFailureIsLoggedOnceAtErrorWithTheSameIdAndTheStackTrace() {
        Logger logger = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            String description = ErrorBodyView.of(mapper.map(new IllegalStateException("bug"), ROUTE)).description();
            String id = description.substring(description.lastIndexOf(' ') + 1);

            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                assertThat(event.getFormattedMessage()).isEqualTo("internal error " + id + " on messages.post");
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("bug");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    private static void assertError(ApiResponse response, int status, String title, String description) {
        assertThat(response.status().code()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/json");
        ErrorBodyView body = ErrorBodyView.of(response);
        assertThat(body.title()).isEqualTo(title);
        assertThat(body.description()).isEqualTo(description);
        assertThat(body.fields()).containsExactly("title", "description");
    }

    private static <T> Named<T> named(String name, T value) {
        return Named.of(name, value);
    }
}
