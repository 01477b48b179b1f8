package io.shardq.migration.reconcile;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.QueueRef;
import io.shardq.partition.storage.QueueTransfer;
import io.shardq.partition.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Writes the destination's repairs: a range of positions made equal to the source's export of it, and the
 * active claims made equal to the source's. Blocks on the storage (an agent thread runs it).
 *
 * <p>Why claims need their own repair: a claim object that no message references is still visible to clients
 * on every driver (GET answers it with an empty message list, PATCH renews it), so a claim the source released
 * must go at the destination even when none of its messages is left to tell.
 */
final class RangeRepair {

    private final QueueTransfer transfer;
    private final ClaimStore claims;
    private final Storage storage;

    RangeRepair(Storage storage) {
        this.storage = requireNonNull(storage, "storage");
        this.transfer = storage.transfer();
        this.claims = storage.claims();
    }

    /**
     * Applies a journaled delta's changes: with {@code syncClaims} first releases the active claims the page does
     * not list, deletes the {@code absent} messages, imports the page (messages, claims, metadata, counter), then
     * answers the states now held for all of them.
     */
    List<MessageState> applyChanges(QueueRef ref, ExportPage page, List<String> absent, boolean syncClaims)
            throws InterruptedException, ExecutionException {
        Optional<ExportPage> head = syncClaims ? ActiveClaims.head(transfer, ref) : Optional.empty();
        if (head.isPresent()) {
            releaseUnlisted(ref, head.get(), page.claims());
        }
        if (!absent.isEmpty()) {
            transfer.deleteMessages(ref, absent).toCompletableFuture().get();
        }
        transfer.importPage(ref, page).toCompletableFuture().get();
        List<String> ids = new ArrayList<>(absent);
        page.messages().forEach(message -> ids.add(message.id()));
        return ids.isEmpty() ? List.of() : storage.messages().get(ref, ids).toCompletableFuture().get().stream()
                .map(MessageState::of).toList();
    }

    /**
     * Deletes the messages in the replacement's ranges whose ids its page does not carry, then imports the page
     * (which overwrites the claim fields, ttl and expiry of the messages it carries, on every driver, and upserts
     * its claims). Returns how many messages were deleted.
     */
    long replace(QueueRef ref, Replacement replacement) throws InterruptedException, ExecutionException {
        Set<String> kept = replacement.page().messages().stream().map(Message::id).collect(Collectors.toSet());
        StateStream states = new StateStream(transfer, ref);
        List<String> doomed = new ArrayList<>();
        for (PositionRange range : replacement.ranges()) {
            states.forEach(range.from(), range.to(), state -> {
                if (!kept.contains(state.id())) {
                    doomed.add(state.id());
                }
            });
        }
        if (!doomed.isEmpty()) {
            transfer.deleteMessages(ref, doomed).toCompletableFuture().get();
        }
        transfer.importPage(ref, replacement.page()).toCompletableFuture().get();
        return doomed.size();
    }

    /**
     * Releases the active claims that {@code wanted} does not list and upserts those it does (on an empty page
     * carrying this queue's own metadata and counter). A missing queue is left missing. Returns how many
     * claims were released.
     */
    long syncClaims(QueueRef ref, List<Claim> wanted) throws InterruptedException, ExecutionException {
        Optional<ExportPage> head = ActiveClaims.head(transfer, ref);
        if (head.isEmpty()) {
            return 0;
        }
        long released = releaseUnlisted(ref, head.get(), wanted);
        if (!wanted.isEmpty()) {
            ExportPage here = head.get();
            transfer.importPage(ref, new ExportPage(here.metadata(), here.lastPosition(), List.of(), wanted,
                    here.lastPosition(), true)).toCompletableFuture().get();
        }
        return released;
    }

    /** Releases the active claims of {@code head} that {@code wanted} does not list; returns how many. */
    private long releaseUnlisted(QueueRef ref, ExportPage head, List<Claim> wanted)
            throws InterruptedException, ExecutionException {
        Set<String> ids = wanted.stream().map(Claim::id).collect(Collectors.toSet());
        long released = 0;
        for (Claim claim : head.claims()) {
            if (!ids.contains(claim.id())) {
                claims.release(ref, claim.id()).toCompletableFuture().get();
                released++;
            }
        }
        return released;
    }
}
