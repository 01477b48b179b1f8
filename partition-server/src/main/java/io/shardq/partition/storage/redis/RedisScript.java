package io.shardq.partition.storage.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The server-side scripts of the Redis driver. Each is {@code lib.lua} followed by its own file (resources
 * of this package); every state change of messages and claims happens inside one of them, so concurrent
 * partition-server nodes on one Redis never see or make a half-done change.
 */
enum RedisScript {
    POST("post.lua"),
    LIST("list.lua"),
    GET_MESSAGES("get_messages.lua"),
    DELETE_MESSAGE("delete_message.lua"),
    DELETE_MESSAGES("delete_messages.lua"),
    POP("pop.lua"),
    PURGE("purge.lua"),
    CREATE_QUEUE("create_queue.lua"),
    REPLACE_METADATA("replace_metadata.lua"),
    DELETE_QUEUE("delete_queue.lua"),
    STATS("stats.lua"),
    CLAIM("claim.lua"),
    GET_CLAIM("get_claim.lua"),
    UPDATE_CLAIM("update_claim.lua"),
    RELEASE_CLAIM("release_claim.lua"),
    FENCE_ENTER("fence_enter.lua"),
    FENCE_SET("fence_set.lua"),
    JOURNAL_START("journal_start.lua"),
    JOURNAL_RECORD("journal_record.lua"),
    JOURNAL_READ("journal_read.lua"),
    EXPORT("export.lua"),
    IMPORT("import.lua"),
    STATES("states.lua"),
    APPLY_STATES("apply_states.lua"),
    DROP("drop.lua");

    private final String text;
    private final String sha;

    RedisScript(String file) {
        this.text = resource("lib.lua") + "\n" + resource(file);
        this.sha = sha1(text);
    }

    String text() {
        return text;
    }

    /** The SHA1 digest EVALSHA names the script by. */
    String sha() {
        return sha;
    }

    private static String resource(String name) {
        try (InputStream in = RedisScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
