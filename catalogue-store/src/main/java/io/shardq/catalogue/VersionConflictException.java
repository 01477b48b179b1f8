package io.shardq.catalogue;

/** A compare-and-set found another version than the one expected: someone else changed the record first. */
public final class VersionConflictException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final long expected;
    private final long actual;

    public VersionConflictException(String key, long expected, long actual) {
        super(key + ": version " + actual + " (expected: " + expected + ")");
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    public String key() {
        return key;
    }

    public long expected() {
        return expected;
    }

    /** The version found in the database. */
    public long actual() {
        return actual;
    }
}
