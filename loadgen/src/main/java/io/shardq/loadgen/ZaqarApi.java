package io.shardq.loadgen;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.util.UUID;

/**
 * The Zaqar v2 requests the load generator makes, over one {@link HttpConnection} and with one
 * {@code Client-ID}, as one zaqar-bench worker would. Not thread-safe.
 */
final class ZaqarApi implements Closeable {

    private final Target target;
    private final HttpConnection connection;
    private final String clientId;

    ZaqarApi(Target target, String project, int timeoutMillis) {
        this.target = requireNonNull(target, "target");
        this.clientId = UUID.randomUUID().toString();
        String headers = "Client-ID: " + clientId + "\r\n"
                + "X-Project-ID: " + requireNonNull(project, "project") + "\r\n"
                + "Accept: application/json\r\n";
        this.connection = new HttpConnection(target, headers, timeoutMillis);
    }

    String clientId() {
        return clientId;
    }

    HttpResult createQueue(String queue) {
        return connection.exchange("PUT", queuePath(queue), null);
    }

    HttpResult deleteQueue(String queue) {
        return connection.exchange("DELETE", queuePath(queue), null);
    }

    /** Posts a ready-made {@code {"messages":[...]}} document. */
    HttpResult postMessages(String queue, byte[] document) {
        return connection.exchange("POST", queuePath(queue) + "/messages", document);
    }

    /** Claims up to {@code limit} messages with a ready-made {@code {"ttl":..,"grace":..}} document. */
    HttpResult claim(String queue, int limit, byte[] document) {
        return connection.exchange("POST", queuePath(queue) + "/claims?limit=" + limit, document);
    }

    /** The first page of a listing, as zaqar-bench's observer asks for it. */
    String firstListPage(String queue, int limit) {
        return queuePath(queue) + "/messages?limit=" + limit + "&echo=true&include_claimed=true";
    }

    /** GET of a listing page: the first page or a {@code next} link of the previous one. */
    HttpResult list(String pageHref) {
        return connection.exchange("GET", resolve(pageHref), null);
    }

    /** DELETE of a message href as returned by a claim, {@code ?claim_id=} included. */
    HttpResult delete(String messageHref) {
        return connection.exchange("DELETE", resolve(messageHref), null);
    }

    private String queuePath(String queue) {
        return target.path("/v2/queues/" + queue);
    }

    /** Server hrefs are paths built from the request path; a relative one is taken under the base path. */
    private String resolve(String href) {
        return href.startsWith("/") ? href : target.path("/" + href);
    }

    @Override
    public void close() {
        connection.close();
    }
}
