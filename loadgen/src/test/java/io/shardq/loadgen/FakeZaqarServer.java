package io.shardq.loadgen;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny in-memory Zaqar v2 for the load generator's tests: queue PUT/DELETE, message POST, list (marker =
 * position), claim and message DELETE with Zaqar's claim rules. Bound to port 0; {@code main} runs it
 * standalone to measure the client against it.
 */
final class FakeZaqarServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<Message>> queues = new HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    final AtomicLong deletesWithClaim = new AtomicLong();
    final AtomicLong deletesRejected = new AtomicLong();
    final AtomicLong missingHeaders = new AtomicLong();

    private record Message(String id, long position, String clientId, String body, String[] claimId) { }

    private FakeZaqarServer(int port, int threads) throws IOException {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        executor = Executors.newFixedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/v2/queues/", this::handle);
        server.start();
    }

    static FakeZaqarServer start() throws IOException {
        return new FakeZaqarServer(0, 8);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public static void main(String[] args) throws Exception {
        FakeZaqarServer fake = new FakeZaqarServer(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        System.out.println("public " + fake.url());
        Thread.currentThread().join();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestHeaders().getFirst("Client-ID") == null
                    || exchange.getRequestHeaders().getFirst("X-Project-ID") == null) {
                missingHeaders.incrementAndGet();
                send(exchange, 400, "{\"title\":\"Missing header value\"}");
                return;
            }
            route(exchange);
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String[] parts = uri.getPath().substring("/v2/queues/".length()).split("/");
        Map<String, String> query = query(uri.getRawQuery());
        String method = exchange.getRequestMethod();
        String queue = parts[0];
        String resource = parts.length > 1 ? parts[1] : "";
        switch (method + " " + resource + (parts.length > 2 ? "/id" : "")) {
            case "PUT " -> send(exchange, createQueue(queue) ? 201 : 204, null);
            case "DELETE " -> { deleteQueue(queue); send(exchange, 204, null); }
            case "POST messages" -> send(exchange, 201, post(queue, exchange.getRequestHeaders().getFirst("Client-ID")));
            case "GET messages" -> send(exchange, 200, list(queue, query));
            case "POST claims" -> claim(exchange, queue, Integer.parseInt(query.getOrDefault("limit", "10")));
            case "DELETE messages/id" -> send(exchange, delete(queue, parts[2], query.get("claim_id")), null);
            default -> send(exchange, 404, "{\"title\":\"404 Not Found\"}");
        }
    }

    private synchronized boolean createQueue(String queue) {
        return queues.putIfAbsent(queue, new ArrayList<>()) == null;
    }

    private synchronized void deleteQueue(String queue) {
        queues.remove(queue);
    }

    private synchronized String post(String queue, String clientId) {
        long position = sequence.incrementAndGet();
        String id = Long.toHexString(position);
        queues.computeIfAbsent(queue, q -> new ArrayList<>())
                .add(new Message(id, position, clientId, "{\"evt\":\"Single\"}", new String[1]));
        return "{\"resources\":[\"/v2/queues/" + queue + "/messages/" + id + "\"]}";
    }

    private synchronized String list(String queue, Map<String, String> query) {
        long marker = Long.parseLong(query.getOrDefault("marker", "0"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        List<String> page = new ArrayList<>();
        long last = marker;
        for (Message m : queues.getOrDefault(queue, List.of())) {
            if (m.position() > marker && page.size() < limit) {
                page.add(json(queue, m, null));
                last = m.position();
            }
        }
        if (page.isEmpty()) {
            return "{\"messages\":[],\"links\":[]}";
        }
        String next = "/v2/queues/" + queue + "/messages?limit=" + limit + "&echo=true&include_claimed=true&marker=" + last;
        return "{\"messages\":[" + String.join(",", page) + "],\"links\":[{\"rel\":\"next\",\"href\":\"" + next + "\"}]}";
    }

    private void claim(HttpExchange exchange, String queue, int limit) throws IOException {
        String claimId = UUID.randomUUID().toString();
        List<String> claimed = new ArrayList<>();
        synchronized (this) {
            for (Message m : queues.getOrDefault(queue, List.of())) {
                if (m.claimId()[0] == null && claimed.size() < limit) {
                    m.claimId()[0] = claimId;
                    claimed.add(json(queue, m, claimId));
                }
            }
        }
        if (claimed.isEmpty()) {
            send(exchange, 204, null);
            return;
        }
        exchange.getResponseHeaders().add("Location", "/v2/queues/" + queue + "/claims/" + claimId);
        send(exchange, 201, "{\"messages\":[" + String.join(",", claimed) + "]}");
    }

    private synchronized int delete(String queue, String id, String claimId) {
        List<Message> messages = queues.getOrDefault(queue, List.of());
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            if (m.id().equals(id)) {
                String held = m.claimId()[0];
                if (held != null && !held.equals(claimId)) {
                    deletesRejected.incrementAndGet();
                    return 403;
                }
                if (held == null && claimId != null) {
                    deletesRejected.incrementAndGet();
                    return 400;
                }
                if (claimId != null) {
                    deletesWithClaim.incrementAndGet();
                }
                messages.remove(i);
                return 204;
            }
        }
        return 204;
    }

    synchronized int messageCount() {
        return queues.values().stream().mapToInt(List::size).sum();
    }

    synchronized boolean hasQueue(String queue) {
        return queues.containsKey(queue);
    }

    private static String json(String queue, Message m, String claimId) {
        String href = "/v2/queues/" + queue + "/messages/" + m.id() + (claimId == null ? "" : "?claim_id=" + claimId);
        return "{\"id\":\"" + m.id() + "\",\"href\":\"" + href + "\",\"ttl\":60,\"age\":0,\"body\":" + m.body() + "}";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
