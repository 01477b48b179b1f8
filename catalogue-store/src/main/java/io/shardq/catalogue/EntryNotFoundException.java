package io.shardq.catalogue;

/** No catalogue entry exists for a {@code project/queue} that an update named. */
public final class EntryNotFoundException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    public EntryNotFoundException(QueueKey key) {
        super("no catalogue entry for " + key);
    }
}
