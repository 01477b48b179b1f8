package io.shardq.partition.storage.memory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Message and claim ids: random (version 4) UUID strings. They come from {@link ThreadLocalRandom}, which is
 * fast and never blocks; ids need to be unique, not unguessable, because every id is checked against its own
 * queue.
 */
final class Ids {

    private Ids() {
    }

    /** A fresh id, e.g. {@code 3f2b8c1e-9d4a-4e6f-8b1a-2c3d4e5f6a7b}. */
    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0x3L << 62)) | (0x2L << 62);
        return new UUID(high, low).toString();
    }
}
