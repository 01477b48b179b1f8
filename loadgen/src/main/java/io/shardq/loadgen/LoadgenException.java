package io.shardq.loadgen;

/** A run cannot start or go on; the message says why, for the operator. */
final class LoadgenException extends RuntimeException {

    LoadgenException(String message) {
        super(message);
    }
}
