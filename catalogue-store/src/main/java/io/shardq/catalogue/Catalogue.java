package io.shardq.catalogue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The catalogue: which partition holds each {@code (project, queue)}. MongoDB is the source of truth; a
 * caching implementation answers lookups from a local cache, then Redis, then MongoDB. Every write goes to
 * MongoDB first. All methods are thread-safe.
 *
 * <p>Writes raise {@link CatalogueUnavailableException} when MongoDB cannot be reached; lookups raise it
 * only when no cache can answer either.
 */
public interface Catalogue extends AutoCloseable {

    /** The entry of a queue, from the nearest cache that has it; empty when the queue is not catalogued. */
    Optional<CatalogueEntry> lookup(QueueKey key);

    /**
     * The entry as MongoDB has it now, past every cache, and the caches are corrected with it. The proxy
     * calls it when a partition's fence says its route is stale.
     */
    Optional<CatalogueEntry> lookupFresh(QueueKey key);

    /**
     * {@link #lookup} without blocking the caller: a local-cache hit completes at once, anything else runs
     * on the implementation's bounded executor. This default runs {@link #lookup} on the caller's thread;
     * the caching implementation overrides it.
     */
    default CompletionStage<Optional<CatalogueEntry>> lookupAsync(QueueKey key) {
        try {
            return CompletableFuture.completedFuture(lookup(key));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The entries of the given queues that are catalogued (from MongoDB, or caches in a caching catalogue). */
    Map<QueueKey, CatalogueEntry> lookupAll(Collection<QueueKey> keys);

    /**
     * Creates the entry of a queue unless it exists, and returns the entry that exists afterwards. The
     * placement is asked for a partition only when needed. Concurrent creators of one queue, in any
     * process, all get the same winning entry (an insert on a unique key). Always consults MongoDB.
     */
    CatalogueEntry createIfAbsent(QueueKey key, Supplier<String> placement);

    /**
     * Replaces partition, state and migration of an entry if its version is still {@code expected.version()};
     * the stored version becomes {@code expected.version() + 1}.
     *
     * @param expected the entry as read
     * @param next     the wanted entry: same key; its version is ignored
     * @return the stored entry
     * @throws VersionConflictException if the entry changed since {@code expected} was read
     * @throws EntryNotFoundException   if the entry no longer exists
     */
    CatalogueEntry compareAndSet(CatalogueEntry expected, CatalogueEntry next);

    /** Deletes the entry of a queue; returns the deleted entry, or empty if there was none. */
    Optional<CatalogueEntry> delete(QueueKey key);

    /**
     * Deletes the entry of a queue only if its version is still {@code expected.version()} (nobody moved or
     * changed it since it was read); returns the deleted entry, or empty if it changed or is gone.
     */
    Optional<CatalogueEntry> deleteIfUnchanged(CatalogueEntry expected);

    /**
     * One page of a project's entries, in byte order of queue names, starting after {@code marker}.
     *
     * @param marker last queue name of the previous page, or {@code null} for the first page
     * @param limit  page size, 1 to {@value CataloguePage#MAX_LIMIT}
     */
    CataloguePage list(String project, String marker, int limit);

    /** How many queues each partition holds (partitions holding none are absent). */
    Map<String, Long> countByPartition();

    /** How many queues one partition holds. */
    long count(String partition);

    /** Up to {@code limit} entries held by one partition (from MongoDB), ordered by key. For draining. */
    List<CatalogueEntry> entriesOf(String partition, int limit);

    /** Every entry of every project, by key. Meant for regeneration checks and tests, not for hot paths. */
    List<CatalogueEntry> listAll();

    /** Releases connections and threads. */
    @Override
    void close();
}
