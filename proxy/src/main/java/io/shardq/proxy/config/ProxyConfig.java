package io.shardq.proxy.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shardq.common.config.ListenerConfig;
import io.shardq.proxy.upstream.UpstreamConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's whole configuration, one immutable tree read from YAML (snake_case keys).
 *
 * @param publicApi   the Zaqar API listener ({@code public:}); default port {@value #DEFAULT_PUBLIC_PORT}
 * @param admin       the admin listener; default port {@value #DEFAULT_ADMIN_PORT}, loopback
 * @param adminToken  bearer token of the admin API; from {@code --admin-token}/{@code ADMIN_TOKEN}, else generated
 * @param catalogue   where the catalogue lives
 * @param upstream    connections to partition nodes
 * @param parking     writes to frozen queues
 * @param http        listener limits
 * @param migrations  the migration coordinator
 */
public record ProxyConfig(@JsonProperty("public") ListenerConfig publicApi, ListenerConfig admin, String adminToken,
                          CatalogueSettings catalogue, UpstreamConfig upstream, Parking parking, Http http,
                          Migrations migrations) {

    public static final int DEFAULT_PUBLIC_PORT = 8080;
    public static final int DEFAULT_ADMIN_PORT = 8081;

    public ProxyConfig {
        publicApi = publicApi == null ? new ListenerConfig(null, DEFAULT_PUBLIC_PORT) : publicApi.withDefaultPort(DEFAULT_PUBLIC_PORT);
        admin = admin == null ? new ListenerConfig(null, DEFAULT_ADMIN_PORT) : admin.withDefaultPort(DEFAULT_ADMIN_PORT);
        catalogue = catalogue == null ? new CatalogueSettings(null, null, null, null) : catalogue;
        upstream = upstream == null ? UpstreamConfig.defaults() : upstream;
        parking = parking == null ? new Parking(null, null, null) : parking;
        http = http == null ? new Http(null, null, null, null, null, null) : http;
        migrations = migrations == null ? new Migrations(null, null, null, null, null, null, null) : migrations;
    }

    public static ProxyConfig defaults() {
        return new ProxyConfig(null, null, null, null, null, null, null, null);
    }

    /**
     * The catalogue: MongoDB (authoritative) and optionally Redis (cache and invalidation events).
     *
     * @param mongoUri      {@code mongodb://…}; with {@code embeddedDir} instead, the proxy runs an in-process
     *                      MongoDB-wire server whose data lives in that directory
     * @param mongoDatabase default {@code shardq_catalogue}
     * @param redisUri      {@code redis://host:port}, or none
     * @param embeddedDir   directory of the embedded catalogue (used when {@code mongoUri} is absent)
     */
    public record CatalogueSettings(String mongoUri, String mongoDatabase, String redisUri, String embeddedDir) {
    }

    /**
     * Writes to frozen queues wait for the thaw.
     *
     * @param maxWaitMillis    longest wait before a 503; default {@value #DEFAULT_MAX_WAIT_MILLIS}
     * @param capacityPerQueue most requests parked per queue; default {@value #DEFAULT_CAPACITY}
     * @param pollMillis       how often a parked queue's state is checked; default {@value #DEFAULT_POLL_MILLIS}
     */
    public record Parking(Integer maxWaitMillis, Integer capacityPerQueue, Integer pollMillis) {
        public static final int DEFAULT_MAX_WAIT_MILLIS = 5000;
        public static final int DEFAULT_CAPACITY = 1000;
        public static final int DEFAULT_POLL_MILLIS = 5;

        public Parking {
            maxWaitMillis = maxWaitMillis == null ? DEFAULT_MAX_WAIT_MILLIS : maxWaitMillis;
            capacityPerQueue = capacityPerQueue == null ? DEFAULT_CAPACITY : capacityPerQueue;
            pollMillis = pollMillis == null ? DEFAULT_POLL_MILLIS : pollMillis;
        }
    }

    /**
     * Listener limits and Zaqar transport settings the proxy applies itself.
     *
     * @param maxRequestBytes     default 1 MiB
     * @param maxHeaderBytes      default 16 KiB
     * @param idleTimeoutSeconds  default 120
     * @param workerThreads       event loops of the public listener (each also holds its own upstream connections);
     *                            default 0 = one per core (a loop never blocks, and fewer loops wake up less often)
     * @param maxQueuesPerPage    queue listing limit; default 20
     * @param healthCheckMillis   active health checks of partition nodes; default 1000
     */
    public record Http(Integer maxRequestBytes, Integer maxHeaderBytes, Integer idleTimeoutSeconds, Integer workerThreads,
                       Integer maxQueuesPerPage, Integer healthCheckMillis) {
        public Http {
            maxRequestBytes = maxRequestBytes == null ? 1 << 20 : maxRequestBytes;
            maxHeaderBytes = maxHeaderBytes == null ? 16 * 1024 : maxHeaderBytes;
            idleTimeoutSeconds = idleTimeoutSeconds == null ? 120 : idleTimeoutSeconds;
            workerThreads = workerThreads == null ? 0 : workerThreads;
            maxQueuesPerPage = maxQueuesPerPage == null ? 20 : maxQueuesPerPage;
            healthCheckMillis = healthCheckMillis == null ? 1000 : healthCheckMillis;
        }

        /** {@link #workerThreads()} with 0 resolved: the number of cores. */
        public int eventLoops() {
            return workerThreads > 0 ? workerThreads : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * The migration coordinator (DESIGN.md "Migration").
     *
     * @param maxConcurrent       migrations this proxy drives at once (rollbacks always run); default 4
     * @param leaseMillis         how long a coordinator holds a migration without renewing; default 10 s
     * @param scanMillis          how often migrations left by others and draining partitions are looked at; default 1 s
     * @param cleanupGraceMillis  how long the source copy stays after the switch (stale routes); default 15 s
     * @param freezeTimeoutMillis longest freeze before rolling back; default 20 s
     * @param pageSize            messages per copy page; default 1000
     * @param agentToken          bearer token sent to migration agents, or none
     */
    public record Migrations(Integer maxConcurrent, Integer leaseMillis, Integer scanMillis, Integer cleanupGraceMillis,
                             Integer freezeTimeoutMillis, Integer pageSize, String agentToken) {
        public Migrations {
            maxConcurrent = maxConcurrent == null ? 4 : maxConcurrent;
            leaseMillis = leaseMillis == null ? 10_000 : leaseMillis;
            scanMillis = scanMillis == null ? 1_000 : scanMillis;
            cleanupGraceMillis = cleanupGraceMillis == null ? 15_000 : cleanupGraceMillis;
            freezeTimeoutMillis = freezeTimeoutMillis == null ? 20_000 : freezeTimeoutMillis;
            pageSize = pageSize == null ? 1_000 : pageSize;
        }
    }

    /** Every problem of this configuration; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        publicApi.validate("public", problems);
        admin.validate("admin", problems);
        if (catalogue.mongoUri() == null && catalogue.embeddedDir() == null) {
            problems.add("catalogue: neither mongo_uri nor embedded_dir (expected: one of them)");
        }
        if (catalogue.mongoUri() != null && !catalogue.mongoUri().startsWith("mongodb")) {
            problems.add("catalogue.mongo_uri: " + catalogue.mongoUri() + " (expected: mongodb://…)");
        }
        if (catalogue.redisUri() != null && !catalogue.redisUri().startsWith("redis://")) {
            problems.add("catalogue.redis_uri: " + catalogue.redisUri() + " (expected: redis://host:port)");
        }
        if (adminToken != null && adminToken.length() < 8) {
            problems.add("admin_token: too short (expected: at least 8 characters)");
        }
        upstream.validate(problems);
        positive("parking.max_wait_millis", parking.maxWaitMillis(), problems);
        positive("parking.capacity_per_queue", parking.capacityPerQueue(), problems);
        positive("parking.poll_millis", parking.pollMillis(), problems);
        positive("http.max_request_bytes", http.maxRequestBytes(), problems);
        positive("http.max_queues_per_page", http.maxQueuesPerPage(), problems);
        positive("http.health_check_millis", http.healthCheckMillis(), problems);
        positive("migrations.max_concurrent", migrations.maxConcurrent(), problems);
        positive("migrations.lease_millis", migrations.leaseMillis(), problems);
        positive("migrations.scan_millis", migrations.scanMillis(), problems);
        positive("migrations.freeze_timeout_millis", migrations.freezeTimeoutMillis(), problems);
        if (migrations.cleanupGraceMillis() < 0) {
            problems.add("migrations.cleanup_grace_millis: " + migrations.cleanupGraceMillis() + " (expected: >= 0)");
        }
        if (migrations.pageSize() < 1 || migrations.pageSize() > 10_000) {
            problems.add("migrations.page_size: " + migrations.pageSize() + " (expected: 1..10000)");
        }
        return problems;
    }

    public ProxyConfig with(ListenerConfig newPublic, ListenerConfig newAdmin, String token, CatalogueSettings newCatalogue) {
        return new ProxyConfig(newPublic, newAdmin, token, newCatalogue, upstream, parking, http, migrations);
    }

    public ProxyConfig withMigrations(Migrations newMigrations) {
        return new ProxyConfig(publicApi, admin, adminToken, catalogue, upstream, parking, http, newMigrations);
    }

    private static void positive(String name, int value, List<String> problems) {
        if (value <= 0) {
            problems.add(name + ": " + value + " (expected: > 0)");
        }
    }
}
