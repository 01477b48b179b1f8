package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ClaimNotFoundException;
import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.ClaimStore;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.QueueRef;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Claims of the in-memory store. A claim's state lives on its messages (claim id and expiry) plus a
 * {@link ClaimRecord} in its queue; a claim that expired or was released answers not-found.
 */
final class InMemoryClaimStore implements ClaimStore {

    private final QueueRegistry registry;
    private final Clock clock;

    InMemoryClaimStore(QueueRegistry registry, Clock clock) {
        this.registry = requireNonNull(registry, "registry");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CompletionStage<Claim> create(QueueRef ref, ClaimSpec spec) {
        requireNonNull(ref, "ref");
        requireNonNull(spec, "spec");
        return Stages.call(() -> {
            String claimId = Ids.next();
            QueueRef deadLetterRef = spec.deadLetter() == null ? null
                    : QueueRef.of(ref.project(), spec.deadLetter().queue());
            QueueState source = registry.find(ref);
            if (source == null) {
                return new Claim(claimId, spec.ttl(), spec.grace(), clock.millis(), clock.millis(), List.of());
            }
            QueueState deadLetters = deadLetterRef == null ? null : registry.find(deadLetterRef);
            Created created = Locks.both(source, deadLetters, () -> create(source, deadLetters, spec, claimId));
            if (!created.homeless().isEmpty()) {
                registry.withQueue(deadLetterRef, state -> {
                    created.homeless().forEach(state::appendMoved);
                    return null;
                });
            }
            return created.claim();
        });
    }

    @Override
    public CompletionStage<Claim> get(QueueRef ref, String claimId) {
        requireNonNull(claimId, "claimId");
        return Stages.call(() -> orNotFound(registry.withExisting(ref, state -> {
            long now = clock.millis();
            ClaimRecord record = state.claim(claimId);
            if (record == null || !record.isActive(now)) {
                return null;
            }
            return new Claim(record.id(), record.ttl(), record.grace(), record.renewedMillis(),
                    record.expiresMillis(), messagesOf(state, record, now));
        }, null), ref, claimId));
    }

    @Override
    public CompletionStage<Void> update(QueueRef ref, String claimId, int ttl, int grace) {
        requireNonNull(claimId, "claimId");
        return Stages.run(() -> orNotFound(registry.withExisting(ref, state -> {
            long now = clock.millis();
            ClaimRecord record = state.claim(claimId);
            if (record == null || !record.isActive(now)) {
                return null;
            }
            ClaimRecord renewed = record.renewed(ttl, grace, now);
            for (Message message : messagesOf(state, record, now)) {
                state.replace(Grace.claim(message, claimId, renewed.expiresMillis(), ttl, grace,
                        message.claimCount()));
            }
            state.putClaim(renewed);
            return renewed;
        }, null), ref, claimId));
    }

    @Override
    public CompletionStage<Void> release(QueueRef ref, String claimId) {
        requireNonNull(claimId, "claimId");
        return Stages.run(() -> registry.withExisting(ref, state -> {
            ClaimRecord record = state.claim(claimId);
            if (record != null) {
                long now = clock.millis();
                messagesOf(state, record, now).forEach(message -> state.replace(message.released(now)));
                state.removeClaim(claimId);
            }
            return null;
        }, null));
    }

    /** Claims under the lock(s); keeps a record only when something was claimed. */
    private Created create(QueueState source, QueueState deadLetters, ClaimSpec spec, String claimId) {
        long now = clock.millis();
        if (source.isDeleted()) {
            return new Created(new Claim(claimId, spec.ttl(), spec.grace(), now, now, List.of()), List.of());
        }
        QueueState target = deadLetters == null || deadLetters.isDeleted() ? null : deadLetters;
        ClaimTaker.Taken taken = ClaimTaker.take(source, target, spec, claimId, now);
        long expires = now + spec.ttl() * 1000L;
        if (!taken.claimed().isEmpty()) {
            List<String> ids = taken.claimed().stream().map(Message::id).toList();
            source.putClaim(new ClaimRecord(claimId, spec.ttl(), spec.grace(), now, expires, ids));
        }
        return new Created(new Claim(claimId, spec.ttl(), spec.grace(), now, expires, taken.claimed()),
                taken.homeless());
    }

    /** The record's messages still claimed by it, in position order. */
    private static List<Message> messagesOf(QueueState state, ClaimRecord record, long now) {
        return record.messageIds().stream()
                .map(id -> state.find(id, now))
                .filter(message -> message != null && message.isClaimedBy(record.id(), now))
                .toList();
    }

    private static <T> T orNotFound(T found, QueueRef ref, String claimId) {
        if (found == null) {
            throw new ClaimNotFoundException(ref, claimId);
        }
        return found;
    }

    /** A new claim, and the dead letters that still need their queue created. */
    private record Created(Claim claim, List<Message> homeless) {
    }
}
