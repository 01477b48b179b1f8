package io.shardq.proxy.routing;

import static java.util.Objects.requireNonNull;

import io.shardq.catalogue.Catalogue;
import io.shardq.catalogue.CatalogueEntry;
import io.shardq.catalogue.EntryState;
import io.shardq.catalogue.QueueKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds writes to frozen queues until the thaw. One watcher per parked queue polls the local catalogue
 * cache (kept fresh by invalidation events) every {@code poll}, and reads MongoDB directly every
 * {@value #FRESH_EVERY} polls in case an event was lost. A queue parks at most {@code capacity} requests;
 * each waits at most {@code maxWait}; beyond either it fails with {@link ParkedTooLongException}.
 */
public final class ParkingLot implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ParkingLot.class);
    static final int FRESH_EVERY = 20;

    private final Catalogue catalogue;
    private final ScheduledExecutorService scheduler;
    private final Duration maxWait;
    private final int capacity;
    private final Duration poll;
    private final Map<QueueKey, Lot> lots = new ConcurrentHashMap<>();

    public ParkingLot(Catalogue catalogue, ScheduledExecutorService scheduler, Duration maxWait, int capacity,
                      Duration poll) {
        this.catalogue = requireNonNull(catalogue, "catalogue");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.maxWait = requireNonNull(maxWait, "maxWait");
        this.capacity = capacity;
        this.poll = requireNonNull(poll, "poll");
    }

    /** Parked longer than allowed, or the queue's lot was full. */
    public static final class ParkedTooLongException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParkedTooLongException(String message) {
            super(message, null, false, false);
        }
    }

    /** Completes when the queue is no longer frozen; fails after {@code maxWait} or when the lot is full. */
    public CompletionStage<Void> awaitThaw(QueueKey key) {
        CompletableFuture<Void> thawed = new CompletableFuture<>();
        Lot lot = lots.computeIfAbsent(key, k -> new Lot(k));
        if (!lot.add(thawed, capacity)) {
            return CompletableFuture.failedFuture(new ParkedTooLongException("Queue " + key.queue()
                    + " is being moved and too many writes are already waiting for it."));
        }
        ScheduledFuture<?> timeout = scheduler.schedule(() -> thawed.completeExceptionally(new ParkedTooLongException(
                "Queue " + key.queue() + " is being moved; the write waited " + maxWait.toMillis() + " ms.")),
                maxWait.toMillis(), TimeUnit.MILLISECONDS);
        thawed.whenComplete((done, failure) -> {
            timeout.cancel(false);
            lot.remove(thawed);
        });
        return thawed;
    }

    /** Checks a queue's parked writes now, rather than at the next poll (after a switch made here). */
    public void wake(QueueKey key) {
        Lot lot = lots.get(key);
        if (lot != null) {
            scheduler.execute(lot::check);
        }
    }

    /** The waiting requests of one queue and its watcher; synchronized on itself. */
    private final class Lot {
        private final QueueKey key;
        private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
        private ScheduledFuture<?> watcher;
        private int polls;

        Lot(QueueKey key) {
            this.key = key;
        }

        synchronized boolean add(CompletableFuture<Void> request, int limit) {
            if (waiting.size() >= limit) {
                return false;
            }
            waiting.add(request);
            if (watcher == null) {
                watcher = scheduler.scheduleWithFixedDelay(this::check, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        }

        synchronized void remove(CompletableFuture<Void> request) {
            waiting.remove(request);
            if (waiting.isEmpty() && watcher != null) {
                watcher.cancel(false);
                watcher = null;
                lots.remove(key, this);
            }
        }

        private void check() {
            try {
                boolean fresh = ++polls % FRESH_EVERY == 0;
                Optional<CatalogueEntry> entry = fresh ? catalogue.lookupFresh(key) : catalogue.lookup(key);
                if (entry.isEmpty() || entry.get().state() != EntryState.FROZEN) {
                    List<CompletableFuture<Void>> released;
                    synchronized (this) {
                        released = List.copyOf(waiting);
                    }
                    released.forEach(request -> request.complete(null));
                }
            } catch (RuntimeException e) {
                logger.debug("parking check of {} failed: {}", key, e.toString());
            }
        }
    }

    @Override
    public void close() {
        lots.values().forEach(lot -> List.copyOf(lot.waiting).forEach(request -> request.completeExceptionally(
                new ParkedTooLongException("The proxy is shutting down."))));
    }
}
