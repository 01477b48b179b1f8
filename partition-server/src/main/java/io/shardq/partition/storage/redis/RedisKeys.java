package io.shardq.partition.storage.redis;

import io.shardq.partition.storage.QueueRef;

/**
 * The key layout of the Redis driver (documented key by key in {@code docs/STORAGE.md}). Every key of a
 * queue embeds its project and name, so ids are scoped by construction: there are no global id keys.
 * A queue's keys share the hash tag {@code {project/queue}} so they would land in one cluster slot.
 */
final class RedisKeys {

    /** The prefix used when none is configured. */
    static final String DEFAULT_PREFIX = "sq:";

    private final String prefix;

    RedisKeys(String prefix) {
        this.prefix = prefix == null ? DEFAULT_PREFIX : prefix;
    }

    /** The sorted set of every project that has a queue (all score 0, so ordered by bytes). */
    String projects() {
        return prefix + "projects";
    }

    /** The sorted set of a project's queue names (all score 0, so ordered by bytes). */
    String index(String project) {
        return prefix + "p:" + project;
    }

    QueueKeys queue(QueueRef ref) {
        if (ref.queue().indexOf('/') >= 0) {
            throw new IllegalArgumentException("queue: " + ref.queue() + " (expected: no '/')");
        }
        String base = prefix + "q:{" + ref.project() + "/" + ref.queue() + "}:";
        return new QueueKeys(base + "i", base + "m", base + "p", base + "e", base + "f", base + "k", base + "c",
                base + "x", index(ref.project()), projects(), base + "g", base + "l", base + "j", base + "t");
    }

    /**
     * The fourteen keys of one queue, in the order the scripts expect them ({@code KEYS[1..14]}). The fence,
     * lease and journal keys are not data of the queue: deleting the queue keeps them, only a transfer's drop
     * removes them (the journal even when it keeps the fence).
     *
     * @param info          hash: {@code m} metadata JSON, {@code n} last position given out
     * @param messages      hash: message id → msgpack record
     * @param positions     sorted set: message id by position (every stored message)
     * @param expiries      sorted set: message id by expiry (epoch millis)
     * @param free          sorted set: message id by position, messages not under a claim
     * @param claimed       sorted set: message id by claim expiry (epoch millis), messages under a claim
     * @param claims        hash: claim id → msgpack claim record
     * @param claimExpiries sorted set: claim id by claim expiry (epoch millis)
     * @param index         the project's queue index
     * @param projects      the index of projects (shared by every queue)
     * @param fence         string: the fence's header value; absent means active
     * @param leases        sorted set: write lease id by the epoch millis it was taken
     * @param journal       string: the change journal's state, {@code complete} or {@code incomplete}; absent
     *                      while no journal is on
     * @param touched       set: the message ids the journal recorded while complete
     */
    record QueueKeys(String info, String messages, String positions, String expiries, String free,
                     String claimed, String claims, String claimExpiries, String index, String projects,
                     String fence, String leases, String journal, String touched) {

        String[] all() {
            return new String[] {info, messages, positions, expiries, free, claimed, claims, claimExpiries, index,
                    projects, fence, leases, journal, touched};
        }
    }
}
