package io.shardq.catalogue;

/** Placement found no partition that may take a new queue (active, weight &gt; 0, capabilities, policy). */
public final class NoEligiblePartitionException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    public NoEligiblePartitionException(String message) {
        super(message);
    }
}
