package io.shardq.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * zaqar-bench's observer: pages through the messages of a random queue without claiming them
 * ({@code echo=true&include_claimed=true}). It keeps one position per queue: after a non-empty page it
 * follows the {@code next} link; after an empty page it asks the same page again, polling the tail.
 */
final class Observer extends Worker {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Next page to ask for, per queue. Touched by this worker's thread only. */
    private final Map<String, String> nextPage = new HashMap<>();
    private final int limit;

    Observer(ZaqarApi api, List<String> queues, RunClock clock, int limit) {
        super(api, queues, clock);
        this.limit = limit;
    }

    @Override
    protected void step() {
        String queue = randomQueue();
        String page = nextPage.computeIfAbsent(queue, q -> api.firstListPage(q, limit));
        HttpResult result = timed(Op.LIST, () -> api.list(page));
        if (result.status() == 200) {
            String next = nextLink(result);
            if (next != null) {
                nextPage.put(queue, next);
            }
        }
    }

    /** The {@code next} link of a non-empty page, or {@code null} for an empty or unreadable one. */
    static String nextLink(HttpResult page) {
        try {
            JsonNode root = JSON.readTree(page.body());
            if (root == null || root.path("messages").isEmpty()) {
                return null;
            }
            for (JsonNode link : root.path("links")) {
                if ("next".equals(link.path("rel").asText())) {
                    return link.path("href").asText(null);
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
