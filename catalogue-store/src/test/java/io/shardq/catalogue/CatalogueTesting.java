package io.shardq.catalogue;

import static org.assertj.core.api.Assertions.fail;

import io.shardq.testing.MongoServerExtension;
import io.shardq.testing.RedisServerExtension;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** Shared helpers of the catalogue-store tests. */
public final class CatalogueTesting {

    /** How long {@link #await} waits for a condition before failing: a deadline, not a performance bound. */
    private static final Duration AWAIT_DEADLINE = Duration.ofSeconds(30);

    private CatalogueTesting() {
    }

    /** A config against the test servers; {@code redis} may be {@code null} for MongoDB only. */
    public static CatalogueConfig config(MongoServerExtension mongo, RedisServerExtension redis) {
        return CatalogueConfig.of(mongo.uri(), redis == null ? null : redis.uri())
                .withMongoDatabase(mongo.database())
                .withMongoTimeout(Duration.ofMillis(500));
    }

    /** A project name no other test uses, so tests sharing a database never see each other's entries. */
    public static String uniqueProject() {
        return "p-" + UUID.randomUUID();
    }

    public static Partition partition(String name, int weight) {
        return Partition.of(name, weight, List.of(URI.create("http://127.0.0.1:8888")));
    }

    /** Polls {@code condition} until it holds; fails after a generous deadline. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + AWAIT_DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }
}
