package io.shardq.catalogue;

/** Base of every catalogue domain exception. Never carries an HTTP status; the caller's error mapper decides. */
public abstract class CatalogueException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected CatalogueException(String message) {
        super(message);
    }

    protected CatalogueException(String message, Throwable cause) {
        super(message, cause);
    }
}
