package io.shardq.proxy.routing;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.Placement;
import io.shardq.catalogue.QueueKey;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partition holds a queue: the catalogue's entry (local cache first, so a hit never leaves the
 * calling thread), placement of a new queue when a request creates it, a fresh read past every cache
 * when a partition says the route is stale, and removal when the queue is deleted. Calls that may block
 * on MongoDB run on {@code blocking}.
 */
public final class QueueRouter {

    private static final Logger logger = LoggerFactory.getLogger(QueueRouter.class);

    private final Catalogue catalogue;
    private final Placement placement;
    private final Executor blocking;

    public QueueRouter(Catalogue catalogue, Placement placement, Executor blocking) {
        this.catalogue = requireNonNull(catalogue, "catalogue");
        this.placement = requireNonNull(placement, "placement");
        this.blocking = requireNonNull(blocking, "blocking");
    }

    /**
     * The queue's entry; created (placed) when missing and {@code creates}; empty when not catalogued.
     * {@link Route#placed()} says whether the entry was missing and had to be created for this request.
     */
    public CompletionStage<Route> resolve(QueueKey key, boolean creates) {
        return catalogue.lookupAsync(key).thenCompose(found -> found.isPresent() || !creates
                ? CompletableFuture.completedFuture(new Route(found, false))
                : CompletableFuture.supplyAsync(() -> new Route(Optional.of(catalogue.createIfAbsent(key,
                        placement.forProject(key.project(), Set.of()))), true), blocking));
    }

    /** A queue's entry as routing found it; {@code placed}: created for the request at hand. */
    public record Route(Optional<CatalogueEntry> entry, boolean placed) {
    }

    /**
     * Takes back the entry placed for a request that the partition refused (so the queue was not created
     * there), unless it changed since: a refused create leaves no queue in the listing.
     */
    public CompletionStage<Void> unplace(CatalogueEntry placed) {
        return CompletableFuture.runAsync(() -> catalogue.deleteIfUnchanged(placed), blocking);
    }

    /** The entry as MongoDB has it now; caches are corrected on the way. */
    public CompletionStage<Optional<CatalogueEntry>> fresh(QueueKey key) {
        return CompletableFuture.supplyAsync(() -> catalogue.lookupFresh(key), blocking);
    }

    /**
     * Places {@code key} on {@code partition} unless it is catalogued already: a dead-letter queue has to live
     * where the queue dead-lettering into it does. One already placed elsewhere stays there (logged): moving it
     * is the operator's call ({@code qctl migrate}).
     */
    public CompletionStage<CatalogueEntry> colocate(QueueKey key, String partition) {
        return CompletableFuture.supplyAsync(() -> {
            CatalogueEntry entry = catalogue.createIfAbsent(key, () -> partition);
            if (!entry.partition().equals(partition)) {
                logger.warn("dead-letter queue {} is on partition {}, not on {} with the queue that names it: "
                        + "dead-lettered messages stay on {} (move it with qctl migrate)", key, entry.partition(),
                        partition, partition);
            }
            return entry;
        }, blocking);
    }

    /** Removes the queue's entry (after the partition deleted the queue). */
    public CompletionStage<Void> forget(QueueKey key) {
        return CompletableFuture.runAsync(() -> catalogue.delete(key), blocking);
    }
}
