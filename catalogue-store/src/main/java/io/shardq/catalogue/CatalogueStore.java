package io.shardq.catalogue;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.MetricRegistry;
import io.shardq.catalogue.internal.cache.CachingCatalogue;
import io.shardq.catalogue.internal.mongo.MongoCatalogue;
import io.shardq.catalogue.internal.mongo.MongoCatalogueDatabase;
import io.shardq.catalogue.internal.mongo.MongoMigrations;
import io.shardq.catalogue.internal.mongo.MongoPartitions;
import io.shardq.catalogue.internal.mongo.MongoTenantPolicies;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The catalogue store of one process, wired from a {@link CatalogueConfig}: the cached {@link Catalogue}, the
 * {@link Partitions} registry, {@link TenantPolicies}, {@link Migrations} and {@link Placement}. Open one per
 * process and {@link #close()} it on shutdown.
 */
public final class CatalogueStore implements AutoCloseable {

    private final MongoCatalogueDatabase database;
    private final CachingCatalogue catalogue;
    private final Partitions partitions;
    private final TenantPolicies tenantPolicies;
    private final Migrations migrations;
    private final Placement placement;

    /** Each thread draws from its own {@link ThreadLocalRandom}: safe for the many threads that place queues. */
    private static final RandomGenerator THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextLong();

    private CatalogueStore(MongoCatalogueDatabase database, CachingCatalogue catalogue, Clock clock,
                           RandomGenerator random) {
        this.database = database;
        this.catalogue = catalogue;
        this.partitions = new MongoPartitions(database);
        this.tenantPolicies = new MongoTenantPolicies(database);
        this.migrations = new MongoMigrations(database, clock);
        this.placement = new Placement(partitions, tenantPolicies, random);
    }

    /** Opens the store; MongoDB and Redis may be down, in which case it degrades (see {@link Catalogue}). */
    public static CatalogueStore open(CatalogueConfig config, MetricRegistry metrics) {
        return open(config, metrics, Clock.systemUTC());
    }

    public static CatalogueStore open(CatalogueConfig config, MetricRegistry metrics, Clock clock) {
        return open(config, metrics, clock, THREAD_LOCAL_RANDOM);
    }

    /**
     * Opens the store with placement drawing from {@code random}, which must be safe for concurrent use
     * (placement runs on many threads); tests pass a seeded one to make placement repeatable.
     */
    public static CatalogueStore open(CatalogueConfig config, MetricRegistry metrics, Clock clock,
                                      RandomGenerator random) {
        requireNonNull(config, "config");
        requireNonNull(random, "random");
        requireNonNull(metrics, "metrics");
        requireNonNull(clock, "clock");
        MongoCatalogueDatabase database = MongoCatalogueDatabase.open(config);
        CachingCatalogue catalogue = CachingCatalogue.start(new MongoCatalogue(database, clock), config, metrics);
        return new CatalogueStore(database, catalogue, clock, random);
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Partitions partitions() {
        return partitions;
    }

    public TenantPolicies tenantPolicies() {
        return tenantPolicies;
    }

    public Migrations migrations() {
        return migrations;
    }

    public Placement placement() {
        return placement;
    }

    public Regenerator regenerator(PartitionQueueSource source) {
        return new Regenerator(partitions, catalogue, source);
    }

    /**
     * Whether invalidation events are flowing, so lookups may answer from the local cache. {@code false}
     * while Redis is unreachable: lookups then go to MongoDB. For health reports.
     */
    public boolean isLocalCacheTrusted() {
        return catalogue.isLocalCacheTrusted();
    }

    @Override
    public void close() {
        catalogue.close();
        database.close();
    }
}
