package io.shardq.migration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A destination agent that answers every import with 204 after a delay, counting per queue the imports it
 * received and those it answered, so a test can tell whether a request was in flight.
 */
final class SlowDestination implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Duration delay;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    private final CountDownLatch firstImport = new CountDownLatch(1);

    SlowDestination(Duration delay) throws IOException {
        this.delay = delay;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/transfer/import", this::importPage);
        server.setExecutor(threads);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void importPage(HttpExchange exchange) throws IOException {
        String queue = exchange.getRequestURI().getQuery().replaceAll(".*queue=([^&]*).*", "$1");
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        received.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
        firstImport.countDown();
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        answered.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    void awaitFirstImport() throws InterruptedException {
        if (!firstImport.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no import arrived within 30 s");
        }
    }

    int received(String queue) {
        return received.getOrDefault(queue, new AtomicInteger()).get();
    }

    int answered(String queue) {
        return answered.getOrDefault(queue, new AtomicInteger()).get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
