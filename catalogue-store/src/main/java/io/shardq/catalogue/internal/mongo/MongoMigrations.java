package io.shardq.catalogue.internal.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static java.util.Objects.requireNonNull;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.shardq.catalogue.CatalogueUnavailableException;
import io.shardq.catalogue.MigrationConflictException;
import io.shardq.catalogue.MigrationNotFoundException;
import io.shardq.catalogue.MigrationPhase;
import io.shardq.catalogue.MigrationRecord;
import io.shardq.catalogue.Migrations;
import io.shardq.catalogue.QueueKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Migration records in MongoDB's {@code migrations} collection. At most one running migration per queue is
 * guaranteed without transactions by a lock document in {@code migration_locks} ({@code _id: project/queue},
 * {@code migration: id}), inserted on a unique key and released when the migration becomes terminal. A lock
 * left behind by a crash (its migration missing or terminal) is taken over by compare-and-set.
 */
public final class MongoMigrations implements Migrations {

    private final MongoCatalogueDatabase db;
    private final Clock clock;

    public MongoMigrations(MongoCatalogueDatabase db, Clock clock) {
        this.db = requireNonNull(db, "db");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public MigrationRecord start(QueueKey key, String from, String to) {
        requireNonNull(key, "key");
        db.beforeWrite();
        MigrationRecord record = MigrationRecord.of(UUID.randomUUID().toString(), key, from, to, now());
        lock(key, record.id());
        MongoCalls.run("recording migration of " + key,
                () -> db.migrations().insertOne(MigrationDocuments.toDocument(record)));
        if (!record.id().equals(lockHolder(key).orElse(null))) {
            advance(record.id(), MigrationPhase.PLANNED, MigrationPhase.CANCELLED, "lost the queue's lock");
            throw new MigrationConflictException("another migration of " + key + " started meanwhile");
        }
        return record;
    }

    private void lock(QueueKey key, String id) {
        try {
            db.migrationLocks().insertOne(new Document("_id", key.key()).append("migration", id));
            return;
        } catch (MongoException e) {
            if (!MongoCalls.isDuplicateKey(e)) {
                throw new CatalogueUnavailableException("catalogue database unavailable: locking " + key, e);
            }
        }
        String holder = lockHolder(key).orElse(null);
        Optional<MigrationRecord> running = holder == null ? Optional.empty() : get(holder);
        if (running.isPresent() && !running.get().phase().isTerminal()) {
            throw new MigrationConflictException("migration " + holder + " of " + key + " is "
                    + running.get().phase().wireName() + " (expected: none running)");
        }
        Document taken = MongoCalls.call("locking " + key, () -> db.migrationLocks().findOneAndUpdate(
                and(eq("_id", key.key()), eq("migration", holder)), Updates.set("migration", id)));
        if (taken == null) {
            throw new MigrationConflictException("another migration of " + key + " started meanwhile");
        }
    }

    private Optional<String> lockHolder(QueueKey key) {
        Document lock = MongoCalls.call("reading lock of " + key,
                () -> db.migrationLocks().find(eq("_id", key.key())).first());
        return Optional.ofNullable(lock).map(doc -> doc.getString("migration"));
    }

    @Override
    public Optional<MigrationRecord> get(String id) {
        requireNonNull(id, "id");
        Document doc = MongoCalls.call("reading migration " + id, () -> db.migrations().find(eq("_id", id)).first());
        return Optional.ofNullable(doc).map(MigrationDocuments::fromDocument);
    }

    @Override
    public Optional<MigrationRecord> active(QueueKey key) {
        requireNonNull(key, "key");
        return lockHolder(key).flatMap(this::get).filter(record -> !record.phase().isTerminal());
    }

    @Override
    public List<MigrationRecord> list() {
        List<MigrationRecord> records = new ArrayList<>();
        MongoCalls.run("listing migrations", () -> db.migrations().find()
                .sort(Sorts.ascending("created", "_id"))
                .forEach(doc -> records.add(MigrationDocuments.fromDocument(doc))));
        return records;
    }

    @Override
    public List<MigrationRecord> listActive() {
        List<String> terminal = Arrays.stream(MigrationPhase.values()).filter(MigrationPhase::isTerminal)
                .map(MigrationPhase::wireName).toList();
        List<MigrationRecord> records = new ArrayList<>();
        MongoCalls.run("listing active migrations", () -> db.migrations().find(Filters.nin("phase", terminal))
                .sort(Sorts.ascending("created", "_id"))
                .forEach(doc -> records.add(MigrationDocuments.fromDocument(doc))));
        return records;
    }

    @Override
    public Optional<MigrationRecord> acquire(String id, String owner, Instant leaseUntil) {
        requireNonNull(id, "id");
        requireNonNull(owner, "owner");
        requireNonNull(leaseUntil, "leaseUntil");
        db.beforeWrite();
        List<String> terminal = Arrays.stream(MigrationPhase.values()).filter(MigrationPhase::isTerminal)
                .map(MigrationPhase::wireName).toList();
        Date now = Date.from(now());
        Document doc = MongoCalls.call("acquiring migration " + id, () -> db.migrations().findOneAndUpdate(
                and(eq("_id", id), Filters.nin("phase", terminal), Filters.or(eq("owner", null), eq("owner", owner),
                        Filters.lte("lease_until", now))),
                Updates.combine(Updates.set("owner", owner),
                        Updates.set("lease_until", Date.from(leaseUntil.truncatedTo(ChronoUnit.MILLIS)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        if (doc == null && get(id).isEmpty()) {
            throw new MigrationNotFoundException(id);
        }
        return Optional.ofNullable(doc).map(MigrationDocuments::fromDocument);
    }

    @Override
    public MigrationRecord checkpoint(String id, MigrationPhase expected, long cursor) {
        return update(id, expected, Updates.set("cursor", cursor));
    }

    @Override
    public MigrationRecord advance(String id, MigrationPhase expected, MigrationPhase next, String error) {
        requireNonNull(next, "next");
        MigrationRecord record = update(id, expected, Updates.combine(Updates.set("phase", next.wireName()),
                Updates.set("error", error)));
        if (next.isTerminal()) {
            MongoCalls.run("unlocking " + record.key(), () -> db.migrationLocks()
                    .deleteOne(and(eq("_id", record.key().key()), eq("migration", id))));
        }
        return record;
    }

    @Override
    public MigrationRecord progress(String id, MigrationPhase expected, long copied, long total, long pauseMs) {
        return update(id, expected, Updates.combine(Updates.set("copied", copied), Updates.set("total", total),
                Updates.set("pause_ms", pauseMs)));
    }

    private MigrationRecord update(String id, MigrationPhase expected, Bson changes) {
        requireNonNull(id, "id");
        requireNonNull(expected, "expected");
        db.beforeWrite();
        Document doc = MongoCalls.call("updating migration " + id, () -> db.migrations().findOneAndUpdate(
                and(eq("_id", id), eq("phase", expected.wireName())),
                Updates.combine(changes, Updates.set("updated", Date.from(now()))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        if (doc != null) {
            return MigrationDocuments.fromDocument(doc);
        }
        MigrationRecord current = get(id).orElseThrow(() -> new MigrationNotFoundException(id));
        throw new MigrationConflictException("migration " + id + " is " + current.phase().wireName()
                + " (expected: " + expected.wireName() + ")");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
