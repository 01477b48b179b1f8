package io.shardq.catalogue.internal.mongo;

import static com.mongodb.client.model.Filters.eq;
import static java.util.Objects.requireNonNull;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.shardq.catalogue.Partition;
import io.shardq.catalogue.PartitionInUseException;
import io.shardq.catalogue.PartitionNotFoundException;
import io.shardq.catalogue.PartitionPatch;
import io.shardq.catalogue.Partitions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/** The partitions registry in MongoDB's {@code partitions} collection. */
public final class MongoPartitions implements Partitions {

    private final MongoCatalogueDatabase db;

    public MongoPartitions(MongoCatalogueDatabase db) {
        this.db = requireNonNull(db, "db");
    }

    @Override
    public boolean put(Partition partition) {
        requireNonNull(partition, "partition");
        db.beforeWrite();
        return MongoCalls.call("saving partition " + partition.name(), () -> db.partitions()
                .replaceOne(eq("_id", partition.name()), PartitionDocuments.toDocument(partition),
                        new ReplaceOptions().upsert(true))
                .getUpsertedId() != null);
    }

    @Override
    public Optional<Partition> get(String name) {
        requireNonNull(name, "name");
        Document doc = MongoCalls.call("reading partition " + name, () -> db.partitions().find(eq("_id", name)).first());
        return Optional.ofNullable(doc).map(PartitionDocuments::fromDocument);
    }

    @Override
    public List<Partition> list() {
        List<Partition> partitions = new ArrayList<>();
        MongoCalls.run("listing partitions", () -> db.partitions().find().sort(Sorts.ascending("_id"))
                .forEach(doc -> partitions.add(PartitionDocuments.fromDocument(doc))));
        return partitions;
    }

    @Override
    public Partition patch(String name, PartitionPatch patch) {
        requireNonNull(name, "name");
        requireNonNull(patch, "patch");
        db.beforeWrite();
        List<Bson> sets = new ArrayList<>();
        if (patch.weight() != null) {
            sets.add(Updates.set("weight", patch.weight()));
        }
        if (patch.state() != null) {
            sets.add(Updates.set("state", patch.state().wireName()));
        }
        if (sets.isEmpty()) {
            return get(name).orElseThrow(() -> new PartitionNotFoundException(name));
        }
        Document doc = MongoCalls.call("updating partition " + name, () -> db.partitions().findOneAndUpdate(
                eq("_id", name), Updates.combine(sets), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
        if (doc == null) {
            throw new PartitionNotFoundException(name);
        }
        return PartitionDocuments.fromDocument(doc);
    }

    @Override
    public void delete(String name) {
        requireNonNull(name, "name");
        db.beforeWrite();
        long queues = MongoCalls.call("counting queues of " + name,
                () -> db.entries().countDocuments(eq("partition", name)));
        if (queues > 0) {
            throw new PartitionInUseException(name, queues);
        }
        long deleted = MongoCalls.call("deleting partition " + name,
                () -> db.partitions().deleteOne(eq("_id", name)).getDeletedCount());
        if (deleted == 0) {
            throw new PartitionNotFoundException(name);
        }
    }
}
