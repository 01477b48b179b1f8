package io.shardq.partition.storage.redis;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns script replies into records. A message reply is the array {@code [id, position, body, ttl,
 * created, expires, delay expires, client, claim, claim expires, claim count]} ({@code msg_reply} in
 * {@code lib.lua}); {@code ""} stands for an absent client or claim id.
 */
final class RedisReplies {

    private RedisReplies() {
    }

    static Message message(Object reply) {
        List<?> f = (List<?>) reply;
        return new Message(string(f.get(0)), number(f.get(1)), string(f.get(2)), (int) number(f.get(3)),
                number(f.get(4)), number(f.get(5)), number(f.get(6)), emptyToNull(f.get(7)), emptyToNull(f.get(8)),
                number(f.get(9)), (int) number(f.get(10)));
    }

    /** Messages from {@code reply[from..]}. */
    static List<Message> messages(List<?> reply, int from) {
        List<Message> out = new ArrayList<>(Math.max(0, reply.size() - from));
        for (int i = from; i < reply.size(); i++) {
            out.add(message(reply.get(i)));
        }
        return out;
    }

    /** A claim from {@code [[ttl, grace, created, expires], message...]}. */
    static Claim claim(String id, List<?> reply) {
        List<?> head = (List<?>) reply.get(0);
        return new Claim(id, (int) number(head.get(0)), (int) number(head.get(1)), number(head.get(2)),
                number(head.get(3)), messages(reply, 1));
    }

    static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(string(value));
    }

    private static String string(Object value) {
        return value == null ? null : value.toString();
    }

    private static String emptyToNull(Object value) {
        String s = string(value);
        return s == null || s.isEmpty() ? null : s;
    }
}
