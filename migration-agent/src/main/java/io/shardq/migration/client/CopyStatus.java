package io.shardq.migration.client;

/**
 * A background copy as {@code GET /v2/copies/{id}} reports it.
 *
 * @param state  {@code running}, {@code done}, {@code failed} or {@code cancelled}
 * @param copied messages imported at the destination so far
 * @param cursor the source position copied up to: pass it as {@code after} to resume
 * @param error  why it failed, or {@code null}
 */
public record CopyStatus(String id, String state, long copied, long cursor, String error) {

    public boolean finished() {
        return !state.equals("running");
    }

    /** TEMP stub until the AgentClient API change lands on main. */
    public boolean verified() {
        return true;
    }

    /** TEMP stub until the AgentClient API change lands on main. */
    public long sourceCount() {
        return copied;
    }

    /** TEMP stub until the AgentClient API change lands on main. */
    public long destinationCount() {
        return copied;
    }
}
