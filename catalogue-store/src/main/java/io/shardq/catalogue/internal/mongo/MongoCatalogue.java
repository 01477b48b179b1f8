package io.shardq.catalogue.internal.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static java.util.Objects.requireNonNull;

import com.mongodb.MongoException;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.CataloguePage;
import io.shardq.catalogue.CatalogueUnavailableException;
import io.shardq.catalogue.EntryNotFoundException;
import io.shardq.catalogue.QueueKey;
import io.shardq.catalogue.VersionConflictException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The catalogue in MongoDB, the source of truth. Creation is an insert on the unique {@code _id}
 * {@code project/queue}; changes are {@code findOneAndUpdate} filtered on the expected version. No
 * transactions are used, so it runs on the embedded MongoDB-wire server as on MongoDB.
 */
public final class MongoCatalogue implements Catalogue {

    /** Rounds of find-then-insert before giving up when the winner keeps being deleted under us. */
    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final MongoCatalogueDatabase db;
    private final Clock clock;

    public MongoCatalogue(MongoCatalogueDatabase db, Clock clock) {
        this.db = requireNonNull(db, "db");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public Optional<CatalogueEntry> lookup(QueueKey key) {
        requireNonNull(key, "key");
        Document doc = MongoCalls.call("lookup of " + key, () -> db.entries().find(eq("_id", key.key())).first());
        return Optional.ofNullable(doc).map(EntryDocuments::fromDocument);
    }

    @Override
    public Optional<CatalogueEntry> lookupFresh(QueueKey key) {
        return lookup(key);
    }

    @Override
    public Map<QueueKey, CatalogueEntry> lookupAll(Collection<QueueKey> keys) {
        List<String> ids = keys.stream().map(QueueKey::key).toList();
        Map<QueueKey, CatalogueEntry> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        MongoCalls.run("lookup of " + ids.size() + " entries", () -> db.entries().find(in("_id", ids))
                .forEach(doc -> {
                    CatalogueEntry entry = EntryDocuments.fromDocument(doc);
                    found.put(entry.key(), entry);
                }));
        return found;
    }

    @Override
    public CatalogueEntry createIfAbsent(QueueKey key, Supplier<String> placement) {
        requireNonNull(key, "key");
        requireNonNull(placement, "placement");
        db.beforeWrite();
        for (int attempt = 0; attempt < MAX_CREATE_ATTEMPTS; attempt++) {
            Optional<CatalogueEntry> existing = lookup(key);
            if (existing.isPresent()) {
                return existing.get();
            }
            CatalogueEntry entry = CatalogueEntry.of(key, placement.get(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            if (insert(entry)) {
                return entry;
            }
        }
        throw new CatalogueUnavailableException("creating " + key + ": it was deleted and recreated "
                + MAX_CREATE_ATTEMPTS + " times meanwhile");
    }

    /** Inserts; {@code false} if another creator won. */
    private boolean insert(CatalogueEntry entry) {
        try {
            db.entries().insertOne(EntryDocuments.toDocument(entry, entry.created()));
            return true;
        } catch (MongoException e) {
            if (MongoCalls.isDuplicateKey(e)) {
                return false;
            }
            throw new CatalogueUnavailableException("catalogue database unavailable: creating " + entry.key()
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CatalogueEntry compareAndSet(CatalogueEntry expected, CatalogueEntry next) {
        requireNonNull(expected, "expected");
        requireNonNull(next, "next");
        if (!expected.key().equals(next.key())) {
            throw new IllegalArgumentException("next: " + next.key() + " (expected: " + expected.key() + ")");
        }
        db.beforeWrite();
        Bson update = Updates.combine(Updates.set("partition", next.partition()),
                Updates.set("state", next.state().wireName()), Updates.set("migration", next.migration()),
                Updates.set("updated", Date.from(clock.instant())), Updates.inc("version", 1L));
        Document doc = MongoCalls.call("update of " + expected.key(), () -> db.entries().findOneAndUpdate(
                and(eq("_id", expected.key().key()), eq("version", expected.version())), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        if (doc != null) {
            return EntryDocuments.fromDocument(doc);
        }
        CatalogueEntry current = lookup(expected.key()).orElseThrow(() -> new EntryNotFoundException(expected.key()));
        throw new VersionConflictException(expected.key().key(), expected.version(), current.version());
    }

    @Override
    public Optional<CatalogueEntry> delete(QueueKey key) {
        requireNonNull(key, "key");
        return deleteWhere(key, eq("_id", key.key()));
    }

    @Override
    public Optional<CatalogueEntry> deleteIfUnchanged(CatalogueEntry expected) {
        requireNonNull(expected, "expected");
        return deleteWhere(expected.key(), and(eq("_id", expected.key().key()), eq("version", expected.version())));
    }

    /** Deletes the entry of {@code key} that {@code filter} matches; returns it, or empty if none did. */
    private Optional<CatalogueEntry> deleteWhere(QueueKey key, Bson filter) {
        db.beforeWrite();
        Document doc = MongoCalls.call("delete of " + key, () -> db.entries().findOneAndDelete(filter));
        return Optional.ofNullable(doc).map(EntryDocuments::fromDocument);
    }

    @Override
    public CataloguePage list(String project, String marker, int limit) {
        requireNonNull(project, "project");
        CataloguePage.checkLimit(limit);
        Bson filter = marker == null ? eq("project", project) : and(eq("project", project), gt("queue", marker));
        List<CatalogueEntry> entries = new ArrayList<>();
        MongoCalls.run("listing of project " + project, () -> db.entries().find(filter)
                .sort(Sorts.ascending("queue")).limit(limit)
                .forEach(doc -> entries.add(EntryDocuments.fromDocument(doc))));
        return CataloguePage.of(entries, limit);
    }

    @Override
    public Map<String, Long> countByPartition() {
        Map<String, Long> counts = new TreeMap<>();
        MongoCalls.run("counting queues", () -> db.entries()
                .aggregate(List.of(Aggregates.group("$partition", Accumulators.sum("n", 1))))
                .forEach(doc -> counts.put(doc.getString("_id"), ((Number) doc.get("n")).longValue())));
        return counts;
    }

    @Override
    public long count(String partition) {
        requireNonNull(partition, "partition");
        return MongoCalls.call("counting queues of " + partition,
                () -> db.entries().countDocuments(eq("partition", partition)));
    }

    @Override
    public List<CatalogueEntry> entriesOf(String partition, int limit) {
        requireNonNull(partition, "partition");
        List<CatalogueEntry> entries = new ArrayList<>();
        MongoCalls.run("listing queues of " + partition, () -> db.entries().find(eq("partition", partition))
                .sort(Sorts.ascending("_id")).limit(limit)
                .forEach(doc -> entries.add(EntryDocuments.fromDocument(doc))));
        return entries;
    }

    @Override
    public List<CatalogueEntry> listAll() {
        List<CatalogueEntry> entries = new ArrayList<>();
        MongoCalls.run("listing every entry", () -> db.entries().find().sort(Sorts.ascending("_id"))
                .forEach(doc -> entries.add(EntryDocuments.fromDocument(doc))));
        return entries;
    }

    /** The database is owned and closed by whoever opened it. */
    @Override
    public void close() {
    }
}
