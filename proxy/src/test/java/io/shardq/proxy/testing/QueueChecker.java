package io.shardq.proxy.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.shardq.testing.ZaqarHttp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Producers and consumers on one queue through a proxy, recording what the service acknowledged: ids of
 * posted messages (201) and of messages deleted with their claim (204). {@link #verify} then drains the
 * queue's listing and checks the invariants of a migration: every acknowledged message was consumed exactly once or
 * is still there, none deleted came back, and nobody saw a 5xx.
 */
public final class QueueChecker {

    private final IntFunction<ZaqarHttp> clients;
    private final String queue;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> consumed = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();
    private final List<String> otherFailures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger latencyMaxMillis = new AtomicInteger();
    private volatile boolean running;

    /** @param clients a client for worker {@code i} (each with its own Client-ID) */
    public QueueChecker(IntFunction<ZaqarHttp> clients, String queue) {
        this.clients = clients;
        this.queue = queue;
    }

    public QueueChecker start(int producers, int consumers) {
        running = true;
        for (int i = 0; i < producers; i++) {
            ZaqarHttp client = clients.apply(i);
            threads.add(daemon("producer-" + i, () -> produce(client)));
        }
        for (int i = 0; i < consumers; i++) {
            ZaqarHttp client = clients.apply(producers + i);
            threads.add(daemon("consumer-" + i, () -> consume(client)));
        }
        return this;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void produce(ZaqarHttp client) {
        int n = 0;
        while (running) {
            long started = System.nanoTime();
            ZaqarHttp.Response answer = call(() -> client.post(path("/messages"),
                    ZaqarHttp.messages("m" + Thread.currentThread().getName() + "-" + System.nanoTime(), "x")));
            record(started);
            if (answer != null && answer.status() == 201) {
                answer.json().path("resources").forEach(href -> acknowledged.add(lastSegment(href.asText())));
            } else {
                failure("post", answer);
            }
            if (++n % 50 == 0) {
                pause(1);
            }
        }
    }

    private void consume(ZaqarHttp client) {
        while (running) {
            long started = System.nanoTime();
            ZaqarHttp.Response claim = call(() -> client.post(path("/claims?limit=5"), "{\"ttl\":300,\"grace\":60}"));
            record(started);
            if (claim == null || (claim.status() != 201 && claim.status() != 204)) {
                failure("claim", claim);
                continue;
            }
            if (claim.status() == 204) {
                pause(5);
                continue;
            }
            for (JsonNode message : claim.json().path("messages")) {
                String href = message.path("href").asText();
                long deleteStarted = System.nanoTime();
                ZaqarHttp.Response deleted = call(() -> client.delete(href));
                record(deleteStarted);
                if (deleted != null && deleted.status() == 204) {
                    consumed.computeIfAbsent(message.path("id").asText(), id -> new AtomicInteger()).incrementAndGet();
                } else {
                    failure("delete " + href, deleted);
                }
            }
        }
    }

    /** Stops the workers and waits for them. */
    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    /**
     * Lists what is left (claimed or not, through {@code client}) and returns the problems found: empty when
     * every invariant holds. A message whose delete failed stays claimed, and is found here.
     */
    public List<String> verify(ZaqarHttp client) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> remaining = new ConcurrentHashMap<>();
        String next = path("/messages?echo=true&include_claimed=true&limit=20");
        while (next != null) {
            ZaqarHttp.Response page = client.get(next);
            if (page.status() == 204) {
                break;
            }
            if (page.status() != 200) {
                problems.add("listing what is left: " + page);
                break;
            }
            JsonNode messages = page.json().path("messages");
            messages.forEach(message -> remaining.merge(message.path("id").asText(), 1, Integer::sum));
            next = messages.isEmpty() ? null : page.json().path("links").get(0).path("href").asText();
        }
        consumed.forEach((id, count) -> {
            if (count.get() > 1) {
                problems.add("consumed " + count.get() + " times: " + id);
            }
            if (remaining.containsKey(id)) {
                problems.add("deleted, then found again: " + id);
            }
        });
        remaining.forEach((id, count) -> {
            if (count > 1) {
                problems.add("listed " + count + " times: " + id);
            }
        });
        List<String> lost = acknowledged.stream().filter(id -> !consumed.containsKey(id) && !remaining.containsKey(id))
                .sorted().toList();
        if (!lost.isEmpty()) {
            problems.add(lost.size() + " acknowledged messages lost, e.g. " + lost.subList(0, Math.min(5, lost.size())));
        }
        serverErrors.forEach(error -> problems.add("5xx: " + error));
        return problems;
    }

    public int acknowledged() {
        return acknowledged.size();
    }

    public int consumed() {
        return consumed.size();
    }

    /** Failures that were not 5xx (connection errors, unexpected 4xx), for the kill tests to look at. */
    public List<String> otherFailures() {
        return Collections.unmodifiableList(otherFailures);
    }

    /** The slowest request seen, in milliseconds. */
    public int maxLatencyMillis() {
        return latencyMaxMillis.get();
    }

    private void record(long startedNanos) {
        int millis = (int) ((System.nanoTime() - startedNanos) / 1_000_000);
        latencyMaxMillis.accumulateAndGet(millis, Math::max);
    }

    private void failure(String what, ZaqarHttp.Response answer) {
        if (answer != null && answer.status() >= 500) {
            serverErrors.add(what + ": " + answer);
        } else {
            otherFailures.add(what + ": " + answer);
        }
    }

    private ZaqarHttp.Response call(java.util.function.Supplier<ZaqarHttp.Response> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            otherFailures.add(e.toString());
            pause(20);
            return null;
        }
    }

    private String path(String rest) {
        return "/v2/queues/" + queue + rest;
    }

    private static String lastSegment(String href) {
        return href.substring(href.lastIndexOf('/') + 1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
