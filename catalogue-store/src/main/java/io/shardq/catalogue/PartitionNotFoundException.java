package io.shardq.catalogue;

/** No partition of that name is registered. */
public final class PartitionNotFoundException extends CatalogueException {

    private static final long serialVersionUID = 1L;

    public PartitionNotFoundException(String name) {
        super("no partition named " + name);
    }
}
