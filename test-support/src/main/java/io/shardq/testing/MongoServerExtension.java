package io.shardq.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A MongoDB for one test class: the in-process MongoDB-wire server ({@code mongo-java-server}) on a free
 * loopback port, or, when the environment variable {@code MONGO_URI} is set, that real MongoDB. Each
 * class gets its own database name so classes never see each other's data.
 */
public final class MongoServerExtension implements BeforeAllCallback, AfterAllCallback {

    private MongoServer embedded;
    private String uri;
    private final String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the embedded server (no-op with {@code MONGO_URI}); may be called again after {@link #stop()}. */
    public synchronized void start() {
        String external = System.getenv("MONGO_URI");
        if (external != null && !external.isBlank()) {
            uri = external;
            return;
        }
        if (embedded == null) {
            int port = uri == null ? FreePorts.pick() : portOf(uri);
            embedded = new MongoServer(new MemoryBackend());
            embedded.bind("127.0.0.1", port);
            uri = "mongodb://127.0.0.1:" + port;
        }
    }

    /** Stops the embedded server (the data is lost); a no-op against an external MongoDB. */
    public synchronized void stop() {
        if (embedded != null) {
            embedded.shutdownNow();
            embedded = null;
        }
    }

    public boolean isExternal() {
        String external = System.getenv("MONGO_URI");
        return external != null && !external.isBlank();
    }

    public String uri() {
        return uri;
    }

    public String database() {
        return database;
    }

    private static int portOf(String uri) {
        return Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
    }
}
