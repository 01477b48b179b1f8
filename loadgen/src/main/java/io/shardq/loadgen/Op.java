package io.shardq.loadgen;

/** The four timed operations of the zaqar-bench workload, in report order. */
public enum Op {
    /** Producer: {@code POST /v2/queues/{q}/messages} with one message. */
    POST,
    /** Consumer: {@code POST /v2/queues/{q}/claims?limit=N}. */
    CLAIM,
    /** Consumer: {@code DELETE} of a claimed message's href, which carries {@code ?claim_id=}. */
    DELETE,
    /** Observer: {@code GET /v2/queues/{q}/messages}, following the {@code next} link. */
    LIST;

    /** The lower-case name used in reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
