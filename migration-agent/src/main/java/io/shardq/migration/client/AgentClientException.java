package io.shardq.migration.client;

/** An agent answered with an error status (its Zaqar body's title and description), or could not be reached (status 0). */
public final class AgentClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public AgentClientException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int status() {
        return status;
    }
}
