package io.shardq.partition.storage.mongo;

import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.unset;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.shardq.partition.storage.Fence;
import io.shardq.partition.storage.FenceStore;
import io.shardq.partition.storage.Journal;
import io.shardq.partition.storage.QueueFencedException;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.StorageUnavailableException;
import io.shardq.partition.storage.Touched;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fences in the {@code fences} collection ({@link FenceDocuments}), shared by every node on the database.
 * Without transactions, each step is one single-document atomic operation on the queue's fence document:
 *
 * <ul>
 *   <li>a write passes with one {@code findOneAndUpdate} that matches only an active fence and adds its lease
 *       ({@code l.<id>: now}); upserting creates a missing document, and a duplicate key on that upsert means
 *       the document exists with a fence that refuses writes;</li>
 *   <li>setting a fence that refuses writes is one {@code findOneAndUpdate} that sets {@code f} and returns
 *       the leases open at that moment; later writes cannot pass, so only those are polled for (every
 *       {@value #POLL_INTERVAL_MILLIS} ms, from a scheduler, never on an event loop) until each is closed or
 *       older than the lease timeout;</li>
 *   <li>closing a lease {@code $unset}s it, fire-and-forget: a lost close only makes a freeze wait for the
 *       lease timeout.</li>
 * </ul>
 *
 * <p>The change journal ({@link ChangeJournals}) is on the same document: a write learns from the update that
 * lets it pass whether to record (no extra round trip without a journal), starting one returns the open leases
 * to wait for as a freeze does, and whatever finds a lease gone stale while a journal is on (a freeze, a journal
 * start, a write pruning it) makes the journal incomplete.
 */
final class MongoFenceStore implements FenceStore {

    /** How often a freeze re-reads the leases it waits for: 2 ms. */
    static final long POLL_INTERVAL_MILLIS = 2;

    private static final Logger logger = LoggerFactory.getLogger(MongoFenceStore.class);
    private static final int ENTER_ATTEMPTS = 5;

    private final MongoCollection<Document> fences;
    private final ChangeJournals journals;
    private final MongoCalls calls;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final long leaseTimeoutMillis;
    /** Freezes still waiting for leases; failed by {@link #close()}. */
    private final Set<CompletableFuture<Void>> waiting = ConcurrentHashMap.newKeySet();

    MongoFenceStore(MongoCollections collections, ChangeJournals journals, MongoCalls calls, Clock clock,
                    ScheduledExecutorService scheduler, Duration leaseTimeout) {
        this.fences = collections.fences();
        this.journals = journals;
        this.calls = calls;
        this.clock = clock;
        this.scheduler = scheduler;
        this.leaseTimeoutMillis = leaseTimeout.toMillis();
    }

    @Override
    public CompletionStage<Fence> get(QueueRef ref) {
        return calls.call(() -> FenceDocuments.fenceOf(
                fences.find(FenceDocuments.byRef(ref)).projection(include(FenceDocuments.FENCE)).first()));
    }

    @Override
    public CompletionStage<Void> set(QueueRef ref, Fence fence) {
        if (fence.allowsWrites()) {
            // a missing document already means active, so no upsert; thawing waits for nothing
            return calls.run(() -> fences.updateOne(FenceDocuments.byRef(ref), Updates.set(FenceDocuments.FENCE,
                    FenceDocuments.ACTIVE)));
        }
        return calls.call(() -> leasesToAwait(ref, fences.findOneAndUpdate(FenceDocuments.byRef(ref),
                        Updates.set(FenceDocuments.FENCE, fence.headerValue()), new FindOneAndUpdateOptions().upsert(true)
                                .returnDocument(ReturnDocument.AFTER)
                                .projection(include(FenceDocuments.LEASES, FenceDocuments.JOURNAL)))))
                .thenCompose(open -> awaitLeases(ref, open));
    }

    @Override
    public CompletionStage<Lease> enter(QueueRef ref, boolean write) {
        return write ? calls.call(() -> admit(ref)) : get(ref).thenApply(fence -> {
            if (!fence.allowsReads()) {
                throw new QueueFencedException(ref, fence);
            }
            return Lease.NONE;
        });
    }

    @Override
    public CompletionStage<Void> startJournal(QueueRef ref) {
        return calls.call(() -> leasesToAwait(ref, journals.start(ref))).thenCompose(open -> awaitLeases(ref, open));
    }

    @Override
    public CompletionStage<Journal> readJournal(QueueRef ref) {
        return calls.call(() -> journals.read(ref));
    }

    @Override
    public CompletionStage<Void> stopJournal(QueueRef ref) {
        return calls.run(() -> journals.stop(ref));
    }

    /** Fails the freezes still waiting: the storage is closing and nothing will poll for them any more. */
    void close() {
        for (CompletableFuture<Void> done : List.copyOf(waiting)) {
            done.completeExceptionally(new StorageUnavailableException("MongoDB: storage closed while freezing", null));
        }
    }

    /** Records a write lease if the fence is active, else throws {@link QueueFencedException}. */
    private Lease admit(QueueRef ref) {
        String id = UUID.randomUUID().toString();
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                .projection(include(FenceDocuments.LEASES, FenceDocuments.JOURNAL, FenceDocuments.JOURNAL_COMPLETE));
        for (int attempt = 0; attempt < ENTER_ATTEMPTS; attempt++) {
            try {
                Document fence = fences.findOneAndUpdate(FenceDocuments.admittingWrites(ref),
                        Updates.set(FenceDocuments.lease(id), clock.millis()), options);
                pruneStale(ref, fence);
                return new MongoLease(ref, id, FenceDocuments.journalOf(fence), FenceDocuments.completeJournalOf(fence));
            } catch (MongoException e) {
                if (!DuplicateKeys.isDuplicateKey(e)) {
                    throw e;
                }
            }
            // the document exists with another fence, or another node created it just now: look which
            Fence current = FenceDocuments.fenceOf(fences.find(FenceDocuments.byRef(ref))
                    .projection(include(FenceDocuments.FENCE)).first());
            if (!current.allowsWrites()) {
                throw new QueueFencedException(ref, current);
            }
        }
        throw new StorageUnavailableException("the fence of " + ref + " kept changing while a write entered", null);
    }

    /**
     * Removes leases older than the timeout (left by crashed nodes) from the document a write just passed; with a
     * journal on, only together with making it incomplete (their writes may have changed what they never
     * recorded). Best effort: the write's own lease is already recorded, so a failure here must not fail the
     * write, and a lease left in place is found again by the next write or freeze.
     */
    private void pruneStale(QueueRef ref, Document fence) {
        long stale = stale();
        List<Bson> unsets = new ArrayList<>();
        FenceDocuments.leasesOf(fence).forEach((id, taken) -> {
            if (taken <= stale) {
                unsets.add(unset(FenceDocuments.lease(id)));
            }
        });
        if (unsets.isEmpty()) {
            return;
        }
        String journal = FenceDocuments.journalOf(fence);
        try {
            if (journal == null) {
                fences.updateOne(FenceDocuments.byRef(ref), combine(unsets));
            } else {
                journals.markIncomplete(ref, journal, unsets);
            }
        } catch (MongoException e) {
            logger.debug("stale write leases of {} not pruned ({}); the next write retries", ref, e.getMessage());
        }
    }

    /**
     * The ids of the leases in {@code fence} younger than the lease timeout, which a freeze or journal start
     * waits for. An older one is not waited for, so it makes a journal on incomplete.
     */
    private List<String> leasesToAwait(QueueRef ref, Document fence) {
        long stale = stale();
        List<String> open = new ArrayList<>();
        boolean anyStale = false;
        for (Map.Entry<String, Long> lease : FenceDocuments.leasesOf(fence).entrySet()) {
            if (lease.getValue() > stale) {
                open.add(lease.getKey());
            } else {
                anyStale = true;
            }
        }
        if (anyStale) {
            journals.markIncomplete(ref, FenceDocuments.journalOf(fence));
        }
        return open;
    }

    /**
     * Completes once none of the leases {@code open} of {@code ref} remains younger than the lease timeout; one
     * that outlives it instead makes the journal incomplete.
     */
    private CompletionStage<Void> awaitLeases(QueueRef ref, List<String> open) {
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        waiting.add(done);
        done.whenComplete((ok, error) -> waiting.remove(done));
        schedulePoll(ref, open, done);
        return done;
    }

    private void schedulePoll(QueueRef ref, List<String> open, CompletableFuture<Void> done) {
        try {
            scheduler.schedule(() -> poll(ref, open, done), POLL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(new StorageUnavailableException("MongoDB: storage closed while freezing", e));
        }
    }

    private void poll(QueueRef ref, List<String> open, CompletableFuture<Void> done) {
        if (done.isDone()) {
            return;
        }
        calls.call(() -> stillOpen(ref, open))
                .whenComplete((live, error) -> {
                    if (error != null) {
                        done.completeExceptionally(error);
                    } else if (live.isEmpty()) {
                        done.complete(null);
                    } else {
                        schedulePoll(ref, live, done);
                    }
                });
    }

    /** Which of the leases {@code open} are still younger than the lease timeout; one grown older marks the journal. */
    private List<String> stillOpen(QueueRef ref, List<String> open) {
        Document fence = fences.find(FenceDocuments.byRef(ref))
                .projection(include(FenceDocuments.LEASES, FenceDocuments.JOURNAL)).first();
        Map<String, Long> leases = FenceDocuments.leasesOf(fence);
        long stale = stale();
        List<String> live = open.stream().filter(id -> leases.containsKey(id) && leases.get(id) > stale).toList();
        if (open.stream().anyMatch(id -> leases.containsKey(id) && leases.get(id) <= stale)) {
            journals.markIncomplete(ref, FenceDocuments.journalOf(fence));
        }
        return live;
    }

    /** Leases taken at or before this instant (epoch millis) are stale. */
    private long stale() {
        return clock.millis() - leaseTimeoutMillis;
    }

    /**
     * A write lease; closing removes it from the fence document once, fire-and-forget. It records under the journal
     * generation it passed with, and not at all when that was already incomplete (it never becomes complete
     * again). A lease whose record failed and could not make the journal incomplete either is left on the
     * document instead: once stale, whoever finds it (a freeze, a journal start, the next write) makes the
     * journal incomplete then.
     */
    private final class MongoLease implements Lease {

        private final QueueRef ref;
        private final String id;
        private final String journal;
        private final String completeJournal;
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile boolean unrecorded;

        MongoLease(QueueRef ref, String id, String journal, String completeJournal) {
            this.ref = ref;
            this.id = id;
            this.journal = journal;
            this.completeJournal = completeJournal;
        }

        @Override
        public boolean journaling() {
            return journal != null;
        }

        @Override
        public CompletionStage<Void> record(Touched touched) {
            if (completeJournal == null || closed.get() || !touched.unknown() && touched.ids().isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return calls.run(() -> {
                try {
                    if (touched.unknown()) {
                        journals.markIncomplete(ref, completeJournal);
                    } else {
                        journals.record(ref, completeJournal, touched.ids());
                    }
                } catch (RuntimeException failure) {
                    markAfterFailure(failure);
                }
            });
        }

        private void markAfterFailure(RuntimeException failure) {
            try {
                journals.markIncomplete(ref, completeJournal);
            } catch (RuntimeException markFailure) {
                failure.addSuppressed(markFailure);
                unrecorded = true;
                logger.warn("change journal of {} neither recorded nor marked incomplete ({}); write lease {} is left "
                        + "to go stale", ref, failure.getMessage(), id);
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true) && !unrecorded) {
                calls.run(() -> fences.updateOne(FenceDocuments.byRef(ref), unset(FenceDocuments.lease(id))))
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                logger.warn("write lease {} of {} not removed ({}); freezes wait for it at most {} ms",
                                        id, ref, error.getMessage(), leaseTimeoutMillis);
                            }
                        });
            }
        }
    }
}
