package io.shardq.catalogue;

import java.util.List;

/** A value given to the catalogue is invalid; {@link #problems()} lists every problem found, not just the first. */
public final class InvalidCatalogueValueException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidCatalogueValueException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each naming the field, the bad value and what was expected. */
    public List<String> problems() {
        return problems;
    }
}
