package io.shardq.proxy.migration;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.Migrations;
import io.shardq.catalogue.QueueKey;
import io.shardq.proxy.config.ProxyConfig;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What a {@link MigrationRunner} works with: the durable records, the catalogue, the agents, the settings,
 * this coordinator's identity (its leases), and a hook that wakes writes parked here for a queue.
 */
record MigrationContext(Migrations migrations, Catalogue catalogue, AgentClients agents,
                        ProxyConfig.Migrations settings, String owner, Clock clock, Consumer<QueueKey> wakeParked) {

    MigrationContext {
        requireNonNull(migrations, "migrations");
        requireNonNull(catalogue, "catalogue");
        requireNonNull(agents, "agents");
        requireNonNull(settings, "settings");
        requireNonNull(owner, "owner");
        requireNonNull(clock, "clock");
        requireNonNull(wakeParked, "wakeParked");
    }
}
