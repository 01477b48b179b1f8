package io.shardq.partition.storage;

/** The storage backend could not be reached or failed; the request may succeed if retried. */
public final class StorageUnavailableException extends StorageException {

    private static final long serialVersionUID = 1L;

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
