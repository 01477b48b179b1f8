package io.shardq.catalogue;

/**
 * The catalogue's database (MongoDB) could not be reached or failed, and no cache could answer. Writes
 * (queue creation, migrations, partition changes) raise it whenever MongoDB is down; the proxy answers 503.
 */
public final class CatalogueUnavailableException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    public CatalogueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogueUnavailableException(String message) {
        super(message);
    }
}
