package io.shardq.migration;

import io.shardq.migration.client.AgentClient;
import io.shardq.partition.storage.Storage;
import io.shardq.partition.storage.memory.InMemoryStorage;
import java.net.URI;
import java.time.Clock;

/** One in-process agent on port 0 over its own storage (in-memory unless given), as one partition's agent would run. */
final class AgentFixture implements AutoCloseable {

    final Storage storage;
    final AgentServer server;
    final AgentClient client;

    AgentFixture(String token) throws InterruptedException {
        this(new InMemoryStorage(Clock.systemUTC()), token);
    }

    /** An agent over {@code storage}, which it closes with itself. */
    AgentFixture(Storage storage, String token) throws InterruptedException {
        this.storage = storage;
        this.server = AgentServer.start(storage, "127.0.0.1", 0, token);
        this.client = new AgentClient(URI.create(server.url()), token);
    }

    URI uri() {
        return URI.create(server.url());
    }

    @Override
    public void close() {
        server.stop();
        storage.close();
    }
}
