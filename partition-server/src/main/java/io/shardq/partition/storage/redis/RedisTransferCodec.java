package io.shardq.partition.storage.redis;

import static io.shardq.partition.storage.redis.RedisReplies.number;

import io.shardq.partition.storage.Claim;
import io.shardq.partition.storage.ExportPage;
import io.shardq.partition.storage.Message;
import io.shardq.partition.storage.MessageState;
import io.shardq.partition.storage.StatePage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Script arguments and replies of the transfer scripts ({@code export.lua}, {@code import.lua},
 * {@code states.lua}, {@code apply_states.lua}); the layouts are documented at the top of each script.
 */
final class RedisTransferCodec {

    private RedisTransferCodec() {
    }

    /** {@code [metadata, counter, cursor, more, [[claim id, ttl, grace, created, expires]...], message...]}; claims by id. */
    static ExportPage exportPage(List<Object> reply) {
        List<Claim> claims = new ArrayList<>();
        for (Object item : (List<?>) reply.get(4)) {
            List<?> c = (List<?>) item;
            claims.add(new Claim(c.get(0).toString(), (int) number(c.get(1)), (int) number(c.get(2)),
                    number(c.get(3)), number(c.get(4)), List.of()));
        }
        claims.sort(Comparator.comparing(Claim::id));
        return new ExportPage(RedisQueueStore.read(reply.get(0).toString()), number(reply.get(1)),
                RedisReplies.messages(reply, 5), claims, number(reply.get(2)), number(reply.get(3)) == 0);
    }

    static String[] importArgs(String now, String queue, ExportPage page) {
        List<String> args = new ArrayList<>(5 + 5 * page.claims().size() + 11 * page.messages().size());
        args.add(now);
        args.add(queue);
        args.add(RedisQueueStore.write(page.metadata()));
        args.add(Long.toString(page.lastPosition()));
        args.add(Integer.toString(page.claims().size()));
        for (Claim claim : page.claims()) {
            args.add(claim.id());
            args.add(Integer.toString(claim.ttl()));
            args.add(Integer.toString(claim.grace()));
            args.add(Long.toString(claim.createdMillis()));
            args.add(Long.toString(claim.expiresMillis()));
        }
        for (Message m : page.messages()) {
            args.add(m.id());
            args.add(Long.toString(m.position()));
            args.add(Long.toString(m.createdMillis()));
            args.add(Integer.toString(m.ttl()));
            args.add(Long.toString(m.expiresMillis()));
            args.add(Long.toString(m.delayExpiresMillis()));
            args.add(nullToEmpty(m.clientId()));
            args.add(nullToEmpty(m.claimId()));
            args.add(Long.toString(m.claimExpiresMillis()));
            args.add(Integer.toString(m.claimCount()));
            args.add(m.body());
        }
        return args.toArray(String[]::new);
    }

    /** {@code [cursor, more, [id, position, ttl, expires, claim, claim expires, claim count]...]}. */
    static StatePage statePage(List<Object> reply) {
        List<MessageState> states = new ArrayList<>(reply.size() - 2);
        for (int i = 2; i < reply.size(); i++) {
            List<?> s = (List<?>) reply.get(i);
            String claim = s.get(4).toString();
            states.add(new MessageState(s.get(0).toString(), number(s.get(1)), (int) number(s.get(2)),
                    number(s.get(3)), claim.isEmpty() ? null : claim, number(s.get(5)), (int) number(s.get(6))));
        }
        return new StatePage(states, number(reply.get(0)), number(reply.get(1)) == 0);
    }

    static String[] stateArgs(String now, List<MessageState> states) {
        List<String> args = new ArrayList<>(1 + 6 * states.size());
        args.add(now);
        for (MessageState s : states) {
            args.add(s.id());
            args.add(Integer.toString(s.ttl()));
            args.add(Long.toString(s.expiresMillis()));
            args.add(nullToEmpty(s.claimId()));
            args.add(Long.toString(s.claimExpiresMillis()));
            args.add(Integer.toString(s.claimCount()));
        }
        return args.toArray(String[]::new);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
