package io.shardq.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects validation problems so that a value reports all of them at once. */
final class Problems {

    /** Names of partitions and queues: Zaqar's queue-name alphabet. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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

    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidCatalogueValueException(problems);
        }
    }

    static String quote(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
