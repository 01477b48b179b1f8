package io.shardq.migration.client;

/**
 * A background copy as {@code GET /v2/copies/{id}} reports it.
 *
 * @param state            {@code running}, {@code done}, {@code failed} or {@code cancelled}
 * @param copied           messages imported at the destination so far (the copy phase)
 * @param cursor           the source position copied up to: pass it as {@code after} to resume
 * @param error            why it failed, or {@code null}
 * @param verified         a reconciling copy found both sides equal at its end (always false otherwise)
 * @param sourceCount      messages compared at the source by the final verification of a reconciling copy
 * @param destinationCount messages compared at the destination by that verification
 * @param rangesReplaced   ranges of positions a reconciling copy replaced at the destination
 * @param deleted          messages a reconciling copy deleted at the destination
 * @param journaled        the source's change journal stood in for comparing the whole queue
 */
public record CopyStatus(String id, String state, long copied, long cursor, String error, boolean verified,
                         long sourceCount, long destinationCount, long rangesReplaced, long deleted,
                         boolean journaled) {

    /** The status of a reconciling copy that compared the whole queue. */
    public CopyStatus(String id, String state, long copied, long cursor, String error, boolean verified,
                      long sourceCount, long destinationCount, long rangesReplaced, long deleted) {
        this(id, state, copied, cursor, error, verified, sourceCount, destinationCount, rangesReplaced, deleted, false);
    }

    /** The status of a plain copy, or of a reconciling one before its reconciliation. */
    public CopyStatus(String id, String state, long copied, long cursor, String error) {
        this(id, state, copied, cursor, error, false, 0, 0, 0, 0);
    }

    public boolean finished() {
        return !state.equals("running");
    }
}
