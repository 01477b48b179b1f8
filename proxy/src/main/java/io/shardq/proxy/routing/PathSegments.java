package io.shardq.proxy.routing;

/**
 * A path's {@code /}-separated segments as {@code path.split("/", -1)} would give them (so {@code "/v2/queues"}
 * has three, the first empty), read in place: only the first {@value #KEPT} segments can be looked at.
 */
final class PathSegments {

    static final int KEPT = 5;

    private final String path;
    /** Where each of the first {@value #KEPT} segments ends (the index of the slash after it, or the length). */
    private final int[] ends = new int[KEPT];
    private final int count;

    private PathSegments(String path) {
        this.path = path;
        int slashes = 0;
        for (int at = path.indexOf('/'); at >= 0; at = path.indexOf('/', at + 1)) {
            if (slashes < KEPT) {
                ends[slashes] = at;
            }
            slashes++;
        }
        if (slashes < KEPT) {
            ends[slashes] = path.length();
        }
        this.count = slashes + 1;
    }

    static PathSegments of(String path) {
        return new PathSegments(path);
    }

    /** How many segments the path has. */
    int count() {
        return count;
    }

    /** Whether segment {@code index} (below {@link #count()} and {@value #KEPT}) is exactly {@code text}. */
    boolean is(int index, String text) {
        int start = start(index);
        return ends[index] - start == text.length() && path.startsWith(text, start);
    }

    /** Segment {@code index} (below {@link #count()} and {@value #KEPT}). */
    String get(int index) {
        return path.substring(start(index), ends[index]);
    }

    private int start(int index) {
        return index == 0 ? 0 : ends[index - 1] + 1;
    }
}
