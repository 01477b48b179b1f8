package io.shardq.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * zaqar-bench's consumer: claims up to {@code limit} messages of a random queue, then deletes each claimed
 * message through its href, which carries the claim id. A 204 (nothing to claim) loops straight on.
 */
final class Consumer extends Worker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int limit;
    private final byte[] claimDocument;

    Consumer(ZaqarApi api, List<String> queues, RunClock clock, int limit, byte[] claimDocument) {
        super(api, queues, clock);
        this.limit = limit;
        this.claimDocument = claimDocument.clone();
    }

    @Override
    protected void step() {
        String queue = randomQueue();
        HttpResult claim = timed(Op.CLAIM, () -> api.claim(queue, limit, claimDocument));
        if (!claim.isSuccess()) {
            return;
        }
        List<String> hrefs = claimedHrefs(claim);
        if (counting()) {
            stats().recordClaimed(hrefs.size());
        }
        for (String href : hrefs) {
            timed(Op.DELETE, () -> api.delete(href));
        }
    }

    /** The {@code href} of each claimed message; empty for a 204 or an unreadable body. */
    static List<String> claimedHrefs(HttpResult claim) {
        if (claim.status() != 201 || claim.body().length == 0) {
            return List.of();
        }
        try {
            List<String> hrefs = new ArrayList<>();
            for (JsonNode message : JSON.readTree(claim.body()).path("messages")) {
                String href = message.path("href").asText("");
                if (!href.isEmpty()) {
                    hrefs.add(href);
                }
            }
            return hrefs;
        } catch (IOException e) {
            return List.of();
        }
    }
}
