package io.shardq.catalogue.internal.mongo;

import static com.mongodb.client.model.Filters.eq;
import static java.util.Objects.requireNonNull;

import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import io.shardq.catalogue.TenantPolicies;
import io.shardq.catalogue.TenantPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** Tenant policies in MongoDB's {@code tenant_policies} collection ({@code _id: project}). */
public final class MongoTenantPolicies implements TenantPolicies {

    private final MongoCatalogueDatabase db;

    public MongoTenantPolicies(MongoCatalogueDatabase db) {
        this.db = requireNonNull(db, "db");
    }

    @Override
    public boolean put(TenantPolicy policy) {
        requireNonNull(policy, "policy");
        db.beforeWrite();
        Document doc = new Document("_id", policy.project()).append("partitions", policy.partitions());
        return MongoCalls.call("saving policy of " + policy.project(), () -> db.policies()
                .replaceOne(eq("_id", policy.project()), doc, new ReplaceOptions().upsert(true))
                .getUpsertedId() != null);
    }

    @Override
    public Optional<TenantPolicy> get(String project) {
        requireNonNull(project, "project");
        Document doc = MongoCalls.call("reading policy of " + project,
                () -> db.policies().find(eq("_id", project)).first());
        return Optional.ofNullable(doc).map(MongoTenantPolicies::fromDocument);
    }

    @Override
    public List<TenantPolicy> list() {
        List<TenantPolicy> policies = new ArrayList<>();
        MongoCalls.run("listing policies", () -> db.policies().find().sort(Sorts.ascending("_id"))
                .forEach(doc -> policies.add(fromDocument(doc))));
        return policies;
    }

    @Override
    public boolean delete(String project) {
        requireNonNull(project, "project");
        db.beforeWrite();
        return MongoCalls.call("deleting policy of " + project,
                () -> db.policies().deleteOne(eq("_id", project)).getDeletedCount() > 0);
    }

    private static TenantPolicy fromDocument(Document doc) {
        return TenantPolicy.of(doc.getString("_id"), doc.getList("partitions", String.class));
    }
}
