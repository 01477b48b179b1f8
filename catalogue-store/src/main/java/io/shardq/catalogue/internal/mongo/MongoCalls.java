package io.shardq.catalogue.internal.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import io.shardq.catalogue.CatalogueUnavailableException;
import java.util.function.Supplier;

/** Runs MongoDB calls, turning driver failures into {@link CatalogueUnavailableException}. */
final class MongoCalls {

    private MongoCalls() {
    }

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (MongoException e) {
            throw new CatalogueUnavailableException("catalogue database unavailable: " + what + " failed: "
                    + e.getMessage(), e);
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    static boolean isDuplicateKey(MongoException e) {
        return e instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
