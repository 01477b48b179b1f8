package io.shardq.migration.reconcile;

import static java.util.Objects.requireNonNull;

import io.shardq.migration.client.AgentClient;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.StatePage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's side of a reconciling copy: makes the destination's queue equal to the local one without
 * shipping what is already equal, then verifies (docs/MIGRATION_AGENT.md "Reconciliation").
 *
 * <ol>
 *   <li>Claims first: a claims digest; when it differs, the destination's claims are set to the source's
 *       (releasing a claim the source no longer has changes messages, which the range pass then sees).</li>
 *   <li>One pass over the local states in ranges {@code (from, to]} of {@value #RANGE} states (the last one
 *       open-ended), {@value #BATCH} ranges per digest request, the next batch read while the destination
 *       digests the last one; the destination answers the ranges that differ. Nothing else crosses the wire
 *       when nothing changed.</li>
 *   <li>The differing ranges are exported locally and replaced at the destination, several per request.</li>
 *   <li>The replaced ranges and the claims are compared again; totals (counts, whole-queue digests) must
 *       match. Up to {@value #ROUNDS} rounds of repair, then the copy fails with both counts.</li>
 * </ol>
 * Runs on its copy's thread (digest requests on {@code requests}, one at a time); the progress fields are
 * written by the copy's thread and read by any.
 */
public final class Reconciler {

    /** Messages and claims expiring within this much of a comparison are left out of it (both sides). */
    public static final Duration HORIZON = Duration.ofSeconds(10);
    /** States per range: what one difference costs to ship. */
    public static final int RANGE = 100;
    /** Ranges per digest request. */
    public static final int BATCH = 1_000;
    /** Rounds of repair before a mismatch fails the copy. */
    public static final int ROUNDS = 2;

    private static final Logger logger = LoggerFactory.getLogger(Reconciler.class);

    private final QueueRef ref;
    private final QueueTransfer source;
    private final AgentClient destination;
    private final int pageSize;
    private final Clock clock;
    private final Executor requests;
    private final BooleanSupplier cancelled;
    /** The digest request in flight, which adds its answer to its tally. */
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    /** The last position compared: messages posted after the reconciliation started are left for the next one. */
    private long until;
    private volatile boolean verified;
    private volatile long sourceCount;
    private volatile long destinationCount;
    private volatile long rangesReplaced;
    private volatile long deleted;

    /**
     * @param pageSize most messages per replacement request
     * @param requests runs the digest requests, so the next batch is read while one is answered
     */
    public Reconciler(QueueRef ref, QueueTransfer source, AgentClient destination, int pageSize, Clock clock,
                      Executor requests, BooleanSupplier cancelled) {
        this.ref = requireNonNull(ref, "ref");
        this.source = requireNonNull(source, "source");
        this.destination = requireNonNull(destination, "destination");
        this.pageSize = pageSize;
        this.clock = requireNonNull(clock, "clock");
        this.requests = requireNonNull(requests, "requests");
        this.cancelled = requireNonNull(cancelled, "cancelled");
    }

    /**
     * Reconciles and verifies. Throws {@link IllegalStateException} naming both counts when the queues still
     * differ after {@value #ROUNDS} rounds, {@link CancellationException} once cancelled; returns only once no
     * request of its own is in flight.
     */
    public void run(long until) throws InterruptedException, ExecutionException {
        this.until = until;
        try {
            reconcile();
        } finally {
            inFlight.handle((done, failure) -> null).get();
        }
    }

    private void reconcile() throws InterruptedException, ExecutionException {
        long started = System.nanoTime();
        Tally claims = new Tally();
        send(claims, List.of(), horizon(), true);
        awaitAnswer();
        if (!claims.claimsMatch) {
            syncClaims();
        }
        Tally tally = compareAll();
        long compared = System.nanoTime();
        long repairs = 0;
        for (int round = 0; round < ROUNDS && !tally.matches(); round++) {
            long repairing = System.nanoTime();
            long released = tally.claimsMatch ? 0 : syncClaims();
            replace(tally.differing);
            repairs += System.nanoTime() - repairing;
            tally = released > 0 ? compareAll() : recheck(tally);
        }
        sourceCount = tally.sourceCount;
        destinationCount = tally.destinationCount;
        verified = tally.matches();
        if (!verified) {
            throw new IllegalStateException("verification failed: " + tally.describe());
        }
        logger.info("reconciled {}: {} messages, {} ranges replaced, {} deleted; compared in {} ms, repaired in {} ms, "
                        + "verified in {} ms", ref, sourceCount, rangesReplaced, deleted, millis(compared - started),
                millis(repairs), millis(System.nanoTime() - compared - repairs));
    }

    /** One pass over every local state in ranges of {@value #RANGE}, sent {@value #BATCH} at a time. */
    private Tally compareAll() throws InterruptedException, ExecutionException {
        Tally tally = new Tally();
        List<DigestRange> batch = new ArrayList<>();
        long horizon = horizon();
        long batchStarted = System.nanoTime();
        long cursor = -1;
        while (true) {
            checkCancelled();
            StatePage page = source.states(ref, cursor, StateStream.PAGE).toCompletableFuture().get();
            if (!page.done() && page.nextCursor() <= cursor) {
                throw new IllegalStateException("states did not advance past position " + cursor);
            }
            List<MessageState> within = page.states().stream().filter(state -> state.position() <= until).toList();
            boolean end = page.done() || page.nextCursor() >= until || within.size() < page.states().size();
            // nothing follows at the source: the last range is open-ended, so what only the destination has goes
            boolean sourceEnds = page.done() && within.size() == page.states().size();
            cursor = cut(within, cursor, !end ? page.nextCursor() : sourceEnds ? Long.MAX_VALUE : until, horizon, batch);
            if (end || batch.size() >= BATCH || System.nanoTime() - batchStarted > HORIZON.toNanos() / 2) {
                send(tally, batch, horizon, end);
                batch = new ArrayList<>();
                horizon = horizon();
                batchStarted = System.nanoTime();
            }
            if (end) {
                awaitAnswer();
                return tally;
            }
        }
    }

    /**
     * Adds ranges over a page's states, the last one ending at {@code pageEnd} (the page's cursor, or the last
     * position compared); returns {@code pageEnd}.
     */
    private static long cut(List<MessageState> states, long cursor, long pageEnd, long horizon,
                            List<DigestRange> ranges) {
        long from = cursor;
        for (int start = 0; start < states.size() || start == 0; start += RANGE) {
            int end = Math.min(states.size(), start + RANGE);
            DigestRange.Builder range = new DigestRange.Builder(horizon);
            states.subList(start, end).forEach(range::add);
            boolean lastOfPage = end == states.size();
            long to = !lastOfPage ? states.get(end - 1).position() : pageEnd;
            ranges.add(range.build(from, to));
            from = to;
        }
        return pageEnd;
    }

    /** Compares the ranges that differed (digested afresh) and the claims again, keeping the other totals. */
    private Tally recheck(Tally previous) throws InterruptedException, ExecutionException {
        Tally tally = Tally.withoutDiffering(previous);
        long horizon = horizon();
        StateStream states = new StateStream(source, ref);
        List<DigestRange> ranges = new ArrayList<>();
        for (DigestRange range : previous.differing) {
            ranges.add(states.digest(range.from(), range.to(), horizon));
        }
        for (int start = 0; start < ranges.size() || start == 0; start += BATCH) {
            int end = Math.min(ranges.size(), start + BATCH);
            send(tally, List.copyOf(ranges.subList(start, end)), horizon, end == ranges.size());
        }
        awaitAnswer();
        return tally;
    }

    /** Sends a digest request once the one in flight is answered; its answer goes to {@code tally}. */
    private void send(Tally tally, List<DigestRange> ranges, long horizon, boolean withClaims)
            throws InterruptedException, ExecutionException {
        OptionalLong claims = withClaims ? OptionalLong.of(Hashes.claims(ActiveClaims.of(source, ref), horizon))
                : OptionalLong.empty();
        DigestRequest request = new DigestRequest(horizon, ranges, claims);
        awaitAnswer();
        checkCancelled();
        inFlight = CompletableFuture.supplyAsync(() -> destination.digests(ref, request), requests)
                .thenAccept(answer -> tally.add(request, answer));
    }

    private void awaitAnswer() throws InterruptedException, ExecutionException {
        inFlight.get();
    }

    /**
     * Replaces the ranges at the destination with the local export of them: ranges and their messages are
     * gathered into one request until it holds {@code pageSize} messages.
     */
    private void replace(List<DigestRange> ranges) throws InterruptedException, ExecutionException {
        Batch batch = new Batch();
        for (DigestRange range : ranges) {
            long cursor = range.from();
            while (true) {
                checkCancelled();
                int limit = (int) Math.max(1, Math.min(pageSize, range.count() + 1));
                ExportPage page = source.export(ref, cursor, limit).toCompletableFuture().get();
                List<Message> inside = page.messages().stream().filter(m -> m.position() <= range.to()).toList();
                boolean last = page.done() || inside.size() < page.messages().size() || page.nextCursor() >= range.to()
                        || page.nextCursor() >= until;
                long end = last ? range.to() : page.nextCursor();
                if (!last && end <= cursor) {
                    throw new IllegalStateException("export did not advance past position " + cursor);
                }
                batch.add(new PositionRange(cursor, end), inside, page);
                if (batch.messages.size() >= pageSize || batch.ranges.size() >= Replacement.MAX_RANGES) {
                    flush(batch);
                    batch = new Batch();
                }
                if (last) {
                    break;
                }
                cursor = end;
            }
            rangesReplaced++;
        }
        if (!batch.ranges.isEmpty()) {
            flush(batch);
        }
    }

    private void flush(Batch batch) {
        checkCancelled();
        ExportPage page = batch.page;
        deleted += destination.replace(ref, new Replacement(batch.ranges, new ExportPage(page.metadata(),
                page.lastPosition(), batch.messages, page.claims(), page.nextCursor(), page.done())));
    }

    /** Sets the destination's active claims to the local ones; returns how many it released. */
    private long syncClaims() throws InterruptedException, ExecutionException {
        var claims = ActiveClaims.of(source, ref);
        checkCancelled();
        return destination.syncClaims(ref, claims);
    }

    private long horizon() {
        return clock.millis() + HORIZON.toMillis();
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("cancelled");
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    public boolean verified() {
        return verified;
    }

    public long sourceCount() {
        return sourceCount;
    }

    public long destinationCount() {
        return destinationCount;
    }

    public long rangesReplaced() {
        return rangesReplaced;
    }

    public long deleted() {
        return deleted;
    }

    /** Ranges and their messages gathered for one replacement; the last export page gives claims and metadata. */
    private static final class Batch {

        final List<PositionRange> ranges = new ArrayList<>();
        final List<Message> messages = new ArrayList<>();
        ExportPage page;

        void add(PositionRange range, List<Message> inside, ExportPage exported) {
            ranges.add(range);
            messages.addAll(inside);
            page = exported;
        }
    }
}
