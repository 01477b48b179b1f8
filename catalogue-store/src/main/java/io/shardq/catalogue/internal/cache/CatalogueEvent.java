package io.shardq.catalogue.internal.cache;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.QueueKey;
import java.util.Locale;

/**
 * An invalidation event on the Redis channel: {@code <action> <version> <created epoch ms> <project/queue>}
 * (the key last, as it is the only part that could hold a space).
 *
 * @param action  what happened
 * @param version the entry's version after the change (0 for {@code evict})
 * @param created the entry's creation time in epoch ms, telling incarnations apart (0 for {@code evict})
 * @param key     the queue
 */
record CatalogueEvent(Action action, long version, long created, QueueKey key) {

    enum Action {
        /** Created or changed; the version and creation time identify the new entry. */
        UPSERT,
        /** Deleted. */
        DELETE,
        /** A writer could not update Redis earlier and has since cleared the key: forget it. */
        EVICT
    }

    CatalogueEvent {
        requireNonNull(action, "action");
        requireNonNull(key, "key");
    }

    static CatalogueEvent upsert(CatalogueEntry entry) {
        return new CatalogueEvent(Action.UPSERT, entry.version(), entry.created().toEpochMilli(), entry.key());
    }

    static CatalogueEvent delete(CatalogueEntry entry) {
        return new CatalogueEvent(Action.DELETE, entry.version(), entry.created().toEpochMilli(), entry.key());
    }

    static CatalogueEvent evict(QueueKey key) {
        return new CatalogueEvent(Action.EVICT, 0, 0, key);
    }

    /** Whether a cached entry is exactly the one this event announces, so it may stay cached. */
    boolean confirms(CatalogueEntry cached) {
        return action == Action.UPSERT && cached.version() == version && cached.created().toEpochMilli() == created;
    }

    String format() {
        return action.name().toLowerCase(Locale.ROOT) + ' ' + version + ' ' + created + ' ' + key.key();
    }

    static CatalogueEvent parse(String message) {
        String[] parts = message.split(" ", 4);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a catalogue event: " + message);
        }
        return new CatalogueEvent(Action.valueOf(parts[0].toUpperCase(Locale.ROOT)), Long.parseLong(parts[1]),
                Long.parseLong(parts[2]), QueueKey.parse(parts[3]));
    }
}
