package io.shardq.catalogue;

/** A migration is already running for that queue, or a migration's phase was not the one expected. */
public final class MigrationConflictException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    public MigrationConflictException(String message) {
        super(message);
    }
}
