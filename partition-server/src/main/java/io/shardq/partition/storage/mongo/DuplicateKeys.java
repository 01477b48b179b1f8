package io.shardq.partition.storage.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;

/** Recognises a unique-index violation in whichever shape the driver reports it. */
final class DuplicateKeys {

    private static final int DUPLICATE_KEY = 11000;

    private DuplicateKeys() {
    }

    static boolean isDuplicateKey(MongoException e) {
        if (e instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        if (e instanceof MongoWriteException write) {
            return write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
        }
        return e.getCode() == DUPLICATE_KEY;
    }
}
