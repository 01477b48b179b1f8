package io.shardq.catalogue;

/** No migration record has that id. */
public final class MigrationNotFoundException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    public MigrationNotFoundException(String id) {
        super("no migration with id " + id);
    }
}
