package io.shardq.catalogue;

/** A partition cannot be deleted while catalogue entries still point at it. */
public final class PartitionInUseException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    private final long queues;

    public PartitionInUseException(String name, long queues) {
        super("partition " + name + " still holds " + queues + " queue(s) (expected: 0; move them first)");
        this.queues = queues;
    }

    public long queues() {
        return queues;
    }
}
