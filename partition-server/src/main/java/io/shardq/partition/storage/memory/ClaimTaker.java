package io.shardq.partition.storage.memory;

import io.shardq.partition.storage.ClaimSpec;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Takes messages for a new claim, under the lock of the queue (and of its dead-letter queue, if that exists).
 *
 * <p>Only available messages are taken (unexpired, undelayed, not under an active claim), oldest first.
 * With a dead-letter queue, a message already claimed {@code maxClaimCount} times is moved there instead;
 * it does not count against the limit, so the claim goes on with the next available message.
 */
final class ClaimTaker {

    private ClaimTaker() {
    }

    /**
     * What a claim took.
     *
     * @param claimed  the claimed messages, as now stored
     * @param homeless messages to be appended to the dead-letter queue, which did not exist when locked
     */
    record Taken(List<Message> claimed, List<Message> homeless) {

        static final Taken NOTHING = new Taken(List.of(), List.of());
    }

    /**
     * Claims up to {@code spec.limit()} messages of {@code source} and moves its dead letters to
     * {@code deadLetters} ({@code null}: that queue does not exist yet; they come back as homeless).
     */
    static Taken take(QueueState source, QueueState deadLetters, ClaimSpec spec, String claimId, long nowMillis) {
        long claimExpires = nowMillis + spec.ttl() * 1000L;
        List<Message> claimed = new ArrayList<>(spec.limit());
        List<Message> dead = new ArrayList<>();
        Iterator<Message> it = source.live(MessageQuery.FROM_HEAD, nowMillis);
        while (claimed.size() < spec.limit() && it.hasNext()) {
            Message message = it.next();
            if (message.isClaimed(nowMillis) || message.isDelayed(nowMillis)) {
                continue;
            }
            if (isDead(message, spec)) {
                dead.add(message);
            } else {
                Message taken = Grace.claim(message, claimId, claimExpires, spec.ttl(), spec.grace(),
                        message.claimCount() + (spec.deadLetter() == null ? 0 : 1));
                source.replace(taken);
                claimed.add(taken);
            }
        }
        return new Taken(claimed, move(dead, source, deadLetters, spec.deadLetter(), nowMillis));
    }

    private static boolean isDead(Message message, ClaimSpec spec) {
        return spec.deadLetter() != null && message.claimCount() >= spec.deadLetter().maxClaimCount();
    }

    /** Moves what it can; returns the messages that still need a home. */
    private static List<Message> move(List<Message> dead, QueueState source, QueueState deadLetters,
                                      ClaimSpec.DeadLetter settings, long nowMillis) {
        List<Message> homeless = new ArrayList<>();
        for (Message message : dead) {
            source.remove(message.id());
            Message moved = asDeadLetter(message, settings, nowMillis);
            if (deadLetters != null) {
                deadLetters.appendMoved(moved);
            } else {
                homeless.add(moved);
            }
        }
        return homeless;
    }

    /** Unclaimed, same id, age and claim count; ttl replaced (from now) when the dead-letter ttl is set. */
    private static Message asDeadLetter(Message message, ClaimSpec.DeadLetter settings, long nowMillis) {
        boolean newTtl = settings.ttl() > 0;
        return new Message(message.id(), message.position(), message.body(),
                newTtl ? settings.ttl() : message.ttl(), message.createdMillis(),
                newTtl ? nowMillis + settings.ttl() * 1000L : message.expiresMillis(),
                message.delayExpiresMillis(), message.clientId(), null, nowMillis, message.claimCount());
    }
}
