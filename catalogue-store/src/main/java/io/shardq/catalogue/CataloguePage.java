package io.shardq.catalogue;

import java.util.List;

/**
 * A page of a project's catalogue entries in byte order of queue names.
 *
 * @param entries the entries
 * @param next    the marker for the next page (last queue name of this one), or {@code null} if this page
 *                was not full
 */
public record CataloguePage(List<CatalogueEntry> entries, String next) {

    /** Largest page size accepted. */
    public static final int MAX_LIMIT = 1000;

    public CataloguePage {
        entries = List.copyOf(entries);
    }

    /** A page; it has a next marker when it holds {@code limit} entries. */
    public static CataloguePage of(List<CatalogueEntry> entries, int limit) {
        String next = entries.size() < limit || entries.isEmpty() ? null : entries.get(entries.size() - 1).queue();
        return new CataloguePage(entries, next);
    }

    /** Throws {@link InvalidCatalogueValueException} unless {@code limit} is 1 to {@value #MAX_LIMIT}. */
    public static void checkLimit(int limit) {
        Problems problems = new Problems();
        problems.check(limit >= 1 && limit <= MAX_LIMIT, "limit: " + limit + " (expected: 1.." + MAX_LIMIT + ")");
        problems.throwIfAny();
    }
}
