package io.shardq.partition.storage;

import static java.util.Objects.requireNonNull;

/**
 * A queue's fence, stored in the partition's storage so every node of the partition sees it (DESIGN.md):
 * {@code active} (normal), {@code frozen} (reads only; writes refused while a migration takes its final
 * delta), or {@code moved} to another partition (every request refused).
 *
 * @param movedTo the partition that owns the queue now; only for {@link State#MOVED}
 */
public record Fence(State state, String movedTo) {

    public static final Fence ACTIVE = new Fence(State.ACTIVE, null);
    public static final Fence FROZEN = new Fence(State.FROZEN, null);

    public Fence {
        requireNonNull(state, "state");
        if ((state == State.MOVED) != (movedTo != null && !movedTo.isEmpty())) {
            throw new IllegalArgumentException("movedTo is required for, and only for, MOVED: " + state + " " + movedTo);
        }
    }

    /** The fence states. */
    public enum State { ACTIVE, FROZEN, MOVED }

    public static Fence movedTo(String partition) {
        return new Fence(State.MOVED, partition);
    }

    public boolean allowsReads() {
        return state != State.MOVED;
    }

    public boolean allowsWrites() {
        return state == State.ACTIVE;
    }

    /** The {@code X-Queue-Fence} header value: {@code frozen}, {@code moved; to=<partition>} or {@code active}. */
    public String headerValue() {
        return switch (state) {
            case ACTIVE -> "active";
            case FROZEN -> "frozen";
            case MOVED -> "moved; to=" + movedTo;
        };
    }

    /** Parses {@link #headerValue()}; {@code null} or blank is active. */
    public static Fence parse(String value) {
        if (value == null || value.isBlank() || value.trim().equals("active")) {
            return ACTIVE;
        }
        String text = value.trim();
        if (text.equals("frozen")) {
            return FROZEN;
        }
        if (text.startsWith("moved; to=") && text.length() > "moved; to=".length()) {
            return movedTo(text.substring("moved; to=".length()));
        }
        throw new IllegalArgumentException("fence: " + value + " (expected: active, frozen or moved; to=<partition>)");
    }
}
