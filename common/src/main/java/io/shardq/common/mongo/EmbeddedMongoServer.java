package io.shardq.common.mongo;

import static java.util.Objects.requireNonNull;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process MongoDB-wire server (mongo-java-server) whose data lives in one H2 MVStore file, so it
 * survives restarts. For the embedded default only; real deployments point the
 * MongoDB driver at a real MongoDB.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongoServer(MongoServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Starts on {@code host:port} (0: any free port) with its data in {@code file}; its directory is created if missing. */
    public static EmbeddedMongoServer start(Path file, String host, int port) {
        requireNonNull(file, "file");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        MongoServer server = new MongoServer(new H2Backend(file.toString()));
        try {
            server.bind(host, port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
        return new EmbeddedMongoServer(server, server.getLocalAddress());
    }

    /** {@code mongodb://host:port} of this server. */
    public String uri() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
