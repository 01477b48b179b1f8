package io.shardq.partition.storage.memory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageQuery;
import io.shardq.partition.storage.NewMessage;
import io.shardq.partition.storage.QueueRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * One queue: its metadata, its messages by position and by id, and its claims.
 *
 * <p>Every method except {@link #metadata()} must be called while holding this object's monitor
 * ({@code synchronized (state)}); that lock is what makes a batch visible atomically and positions strictly
 * increasing. Positions start at 1 and are never reused, not even after a purge.
 */
final class QueueState {

    private final QueueRef ref;
    private final TreeMap<Long, Message> byPosition = new TreeMap<>();
    private final Map<String, Message> byId = new HashMap<>();
    private final Map<String, ClaimRecord> claims = new HashMap<>();
    /** Never mutated once stored, so readers may copy it without the lock. */
    private volatile ObjectNode metadata;
    private long lastPosition;
    private boolean deleted;
    /** The last Client-ID seen, shared by the messages it posts instead of one string per request. */
    private String lastClientId;

    QueueState(QueueRef ref, ObjectNode metadata) {
        this.ref = requireNonNull(ref, "ref");
        this.metadata = metadata.deepCopy();
    }

    QueueRef ref() {
        return ref;
    }

    /** A private copy of the metadata; safe without the lock. */
    ObjectNode metadata() {
        return metadata.deepCopy();
    }

    void replaceMetadata(ObjectNode newMetadata) {
        metadata = newMetadata.deepCopy();
    }

    boolean isDeleted() {
        return deleted;
    }

    /** Marks the queue gone: anyone who looked it up before must look again. */
    void markDeleted() {
        deleted = true;
        clear();
    }

    /** Appends a posted message at the tail. */
    Message append(String id, NewMessage posted, String clientId, long nowMillis) {
        Message message = new Message(id, ++lastPosition, posted.body(), posted.ttlSeconds(), nowMillis,
                nowMillis + posted.ttlSeconds() * 1000L, nowMillis + posted.delaySeconds() * 1000L,
                shared(clientId), null, nowMillis, 0);
        put(message);
        return message;
    }

    /** Appends a message moved from another queue (same id) at the tail, with a new position. */
    Message appendMoved(Message moved) {
        Message message = new Message(moved.id(), ++lastPosition, moved.body(), moved.ttl(), moved.createdMillis(),
                moved.expiresMillis(), moved.delayExpiresMillis(), moved.clientId(), moved.claimId(),
                moved.claimExpiresMillis(), moved.claimCount());
        put(message);
        return message;
    }

    /** The highest position ever given out here (0 for none); the next message gets a higher one. */
    long lastPosition() {
        return lastPosition;
    }

    /** Raises the position counter to at least {@code position}; never lowers it. */
    void raiseLastPosition(long position) {
        lastPosition = Math.max(lastPosition, position);
    }

    /**
     * Stores a copied message at its own position, replacing the message with its id and any other message
     * at that position, and raises the position counter past it.
     */
    void upsert(Message message) {
        remove(message.id());
        Message occupant = byPosition.get(message.position());
        if (occupant != null) {
            remove(occupant.id());
        }
        put(message);
        raiseLastPosition(message.position());
    }

    /** Replaces a stored message by one with the same id and position. */
    void replace(Message message) {
        put(message);
    }

    /** The unexpired message with that id, or {@code null}; an expired one is dropped on the way. */
    Message find(String id, long nowMillis) {
        Message message = byId.get(id);
        if (message != null && message.isExpired(nowMillis)) {
            remove(id);
            return null;
        }
        return message;
    }

    /** Removes and returns the message, or {@code null} if absent. */
    Message remove(String id) {
        Message message = byId.remove(id);
        if (message != null) {
            byPosition.remove(message.position());
        }
        return message;
    }

    /**
     * Unexpired messages after {@code afterPosition} in position order, dropping expired ones as it passes
     * them. Do not add or remove messages while iterating (collect, then remove); replacing one is fine.
     */
    Iterator<Message> live(long afterPosition, long nowMillis) {
        return new LiveIterator(byPosition.tailMap(afterPosition, false).values().iterator(), nowMillis);
    }

    ClaimRecord claim(String id) {
        return claims.get(id);
    }

    void putClaim(ClaimRecord claim) {
        claims.put(claim.id(), claim);
    }

    /** A live view of every claim record, active or not; do not modify. */
    Collection<ClaimRecord> claims() {
        return claims.values();
    }

    void removeClaim(String id) {
        claims.remove(id);
    }

    /** How many messages are held, expired ones not yet dropped included. */
    int size() {
        return byId.size();
    }

    /** Drops every expired message and claim; returns how many messages went. */
    int sweep(long nowMillis) {
        claims.values().removeIf(claim -> !claim.isActive(nowMillis));
        int before = byId.size();
        for (Iterator<Message> it = live(MessageQuery.FROM_HEAD, nowMillis); it.hasNext(); ) {
            it.next();
        }
        return before - byId.size();
    }

    /** Removes every message and claim; positions keep counting. */
    void clear() {
        byPosition.clear();
        byId.clear();
        claims.clear();
    }

    private void put(Message message) {
        byPosition.put(message.position(), message);
        byId.put(message.id(), message);
    }

    private String shared(String clientId) {
        if (clientId != null && clientId.equals(lastClientId)) {
            return lastClientId;
        }
        lastClientId = clientId;
        return clientId;
    }

    /** Skips (and removes) expired messages of the underlying position-ordered iterator. */
    private final class LiveIterator implements Iterator<Message> {

        private final Iterator<Message> delegate;
        private final long nowMillis;
        private Message next;

        LiveIterator(Iterator<Message> delegate, long nowMillis) {
            this.delegate = delegate;
            this.nowMillis = nowMillis;
        }

        @Override
        public boolean hasNext() {
            while (next == null && delegate.hasNext()) {
                Message candidate = delegate.next();
                if (candidate.isExpired(nowMillis)) {
                    delegate.remove();
                    byId.remove(candidate.id());
                } else {
                    next = candidate;
                }
            }
            return next != null;
        }

        @Override
        public Message next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Message result = next;
            next = null;
            return result;
        }
    }
}
