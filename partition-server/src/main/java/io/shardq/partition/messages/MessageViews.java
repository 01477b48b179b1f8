package io.shardq.partition.messages;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.shardq.partition.storage.Message;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Renders stored messages as the API shows them (Zaqar's {@code format_message_v1_1} and friends). */
public final class MessageViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private MessageViews() {
    }

    /** {@code {"id","href","ttl","age","body"}}; href under {@code queuePath}, with {@code ?claim_id=} when given. */
    public static ObjectNode view(Message message, String queuePath, String claimId, long nowMillis) {
        ObjectNode node = JSON.objectNode();
        node.put("id", message.id());
        node.put("href", href(queuePath, message.id(), claimId));
        node.put("ttl", message.ttl());
        node.put("age", message.age(nowMillis));
        node.putRawValue("body", new RawValue(message.body()));
        return node;
    }

    /** The view with the message's own stored claim id (kept after the claim expires, as Zaqar does). */
    public static ObjectNode view(Message message, String queuePath, long nowMillis) {
        return view(message, queuePath, message.claimId(), nowMillis);
    }

    /** Pop's raw form: {@code {"id","age","ttl","body","claim_id","claim_count"}}, no href. */
    public static ObjectNode popped(Message message, long nowMillis) {
        ObjectNode node = JSON.objectNode();
        node.put("id", message.id());
        node.put("age", message.age(nowMillis));
        node.put("ttl", message.ttl());
        node.putRawValue("body", new RawValue(message.body()));
        node.put("claim_id", message.claimId());
        node.put("claim_count", message.claimCount());
        return node;
    }

    /** Stats' oldest/newest form: {@code {"age","created","href"}}. */
    public static ObjectNode summary(Message message, String queuePath, long nowMillis) {
        ObjectNode node = JSON.objectNode();
        node.put("age", message.age(nowMillis));
        node.put("created", CREATED.format(Instant.ofEpochMilli(message.createdMillis())));
        node.put("href", href(queuePath, message.id(), null));
        return node;
    }

    public static String href(String queuePath, String id, String claimId) {
        String path = queuePath + "/messages/" + id;
        return claimId == null ? path : path + "?claim_id=" + URLEncoder.encode(claimId, StandardCharsets.UTF_8);
    }
}
