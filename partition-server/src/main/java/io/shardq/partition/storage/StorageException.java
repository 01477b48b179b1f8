package io.shardq.partition.storage;

/** Base of every storage domain exception. Never carries an HTTP status; the error mapper decides. */
public abstract class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected StorageException(String message) {
        super(message);
    }

    protected StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
