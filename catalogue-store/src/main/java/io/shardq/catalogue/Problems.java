package io.shardq.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects validation problems so that a value reports all of them at once. */
final class Problems {

    /** Names of partitions (and of the partitions entries and policies point at). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Queue names: Zaqar's rule, {@code ^[a-zA-Z0-9_\\-.]+$} and at most 64 characters (SPEC.md). */
    static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final List<String> problems = new ArrayList<>();

    void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    void name(String field, String value) {
        check(value != null && NAME.matcher(value).matches(),
                field + ": " + quote(value) + " (expected: 1-64 of A-Z a-z 0-9 _ -)");
    }

    void queueName(String field, String value) {
        check(value != null && QUEUE_NAME.matcher(value).matches(),
                field + ": " + quote(value) + " (expected: 1-64 of A-Z a-z 0-9 _ - .)");
    }

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidCatalogueValueException(problems);
        }
    }

    static String quote(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
