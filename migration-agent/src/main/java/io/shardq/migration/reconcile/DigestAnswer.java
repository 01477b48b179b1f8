package io.shardq.migration.reconcile;

import java.util.List;
import java.util.OptionalLong;

/**
 * The destination's answer to a {@link DigestRequest}.
 *
 * @param differing the requested ranges whose count or digest differ here, with this side's count and digest
 * @param count     states in all requested ranges here
 * @param digest    {@link DigestRange#sum} of this side's digests of all requested ranges
 * @param claims    this side's claims digest, when the request carried one
 */
public record DigestAnswer(List<DigestRange> differing, long count, long digest, OptionalLong claims) {

    public DigestAnswer {
        differing = List.copyOf(differing);
    }
}
