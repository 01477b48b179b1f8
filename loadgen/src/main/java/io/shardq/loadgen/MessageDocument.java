package io.shardq.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * The request bodies of the workload. The message is zaqar-bench's default one ({@code ttl} 60, body
 * {@code {"id": "7FA23C90-...", "evt": "Single"}}), with a {@code "pad"} string added to the body when a
 * larger size is asked for.
 */
final class MessageDocument {

    /** zaqar-bench's default message body, 60 bytes of JSON. */
    static final String ZAQAR_BENCH_BODY = "{\"id\":\"7FA23C90-62F7-40D2-9360-FBD5D7D61CD1\",\"evt\":\"Single\"";

    private static final String PAD_FIELD = ",\"pad\":\"";

    private MessageDocument() {
    }

    /**
     * The JSON of one message body of exactly {@code sizeBytes} bytes, or zaqar-bench's body (60 bytes)
     * when {@code sizeBytes} is too small to hold it plus a pad field.
     */
    static String body(int sizeBytes) {
        String unpadded = ZAQAR_BENCH_BODY + "}";
        int padChars = sizeBytes - ZAQAR_BENCH_BODY.length() - PAD_FIELD.length() - 2;
        if (padChars < 0) {
            return unpadded;
        }
        return ZAQAR_BENCH_BODY + PAD_FIELD + "x".repeat(padChars) + "\"}";
    }

    /** A {@code POST .../messages} document holding one message. */
    static byte[] post(int ttlSeconds, int bodyBytes) {
        String json = "{\"messages\":[{\"ttl\":" + ttlSeconds + ",\"body\":" + body(bodyBytes) + "}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A {@code POST .../claims} document. */
    static byte[] claim(int ttlSeconds, int graceSeconds) {
        return ("{\"ttl\":" + ttlSeconds + ",\"grace\":" + graceSeconds + "}").getBytes(StandardCharsets.UTF_8);
    }
}
