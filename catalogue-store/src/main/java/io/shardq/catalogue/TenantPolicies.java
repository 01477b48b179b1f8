package io.shardq.catalogue;

import java.util.List;
import java.util.Optional;

/** Projects with dedicated partitions, in MongoDB. Every method may raise {@link CatalogueUnavailableException}. */
public interface TenantPolicies {

    /** Creates or replaces the policy of a project; returns {@code true} if it was created. */
    boolean put(TenantPolicy policy);

    Optional<TenantPolicy> get(String project);

    /** Every policy, by project. */
    List<TenantPolicy> list();

    /** Removes the policy of a project; returns {@code false} if it had none. */
    boolean delete(String project);
}
