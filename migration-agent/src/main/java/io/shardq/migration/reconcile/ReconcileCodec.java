package io.shardq.migration.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardq.migration.transfer.JsonFields;
import io.shardq.migration.transfer.TransferCodec;
import io.shardq.partition.storage.ExportPage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;

/**
 * JSON form of {@link DigestRequest}, {@link DigestAnswer} and {@link Replacement}: digest ranges are
 * {@code {"from","to","count","digest"}} with digests as 16 hex digits; a replacement is an export page
 * ({@link TransferCodec}, bodies kept exact) with a {@code "ranges": [{"from","to"}...]} field. Reading fails with
 * {@link IllegalArgumentException} naming the bad field.
 */
public final class ReconcileCodec {

    private static final HexFormat HEX = HexFormat.of();

    private ReconcileCodec() {
    }

    public static String writeRequest(DigestRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("horizon", request.horizon());
        writeRanges(body.putArray("ranges"), request.ranges());
        request.claims().ifPresent(claims -> body.put("claims", hex(claims)));
        return body.toString();
    }

    public static DigestRequest readRequest(String json) {
        ObjectNode body = JsonFields.object(json);
        long horizon = body.has("horizon") ? JsonFields.requireLong(body, "horizon", "body") : 0;
        return new DigestRequest(horizon, ranges(body, "ranges"), optionalDigest(body, "claims"));
    }

    public static String writeAnswer(DigestAnswer answer) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        writeRanges(body.putArray("differing"), answer.differing());
        body.put("count", answer.count()).put("digest", hex(answer.digest()));
        answer.claims().ifPresent(claims -> body.put("claims", hex(claims)));
        return body.toString();
    }

    public static DigestAnswer readAnswer(String json) {
        ObjectNode body = JsonFields.object(json);
        return new DigestAnswer(ranges(body, "differing"), JsonFields.requireLong(body, "count", "answer"),
                digest(JsonFields.requireText(body, "digest", "answer"), "digest of answer"),
                optionalDigest(body, "claims"));
    }

    public static String writeReplacement(Replacement replacement) {
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        ArrayNode ranges = extra.putArray("ranges");
        replacement.ranges().forEach(range -> ranges.addObject().put("from", range.from()).put("to", range.to()));
        return TransferCodec.writeExportPage(replacement.page(), extra);
    }

    public static Replacement readReplacement(String json) {
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        ExportPage page = TransferCodec.readExportPage(json, extra);
        List<PositionRange> ranges = new ArrayList<>();
        for (ObjectNode range : JsonFields.requireObjects(extra, "ranges", "body")) {
            String at = "range " + ranges.size() + " of ranges";
            ranges.add(new PositionRange(JsonFields.requireLong(range, "from", at), JsonFields.requireLong(range, "to", at)));
        }
        return new Replacement(ranges, page);
    }

    /**
     * A journaled delta's changes: the page of messages that exist (with the active claims), the ids that are
     * gone, whether to make the claims the page's first.
     */
    public static String writeChanges(ExportPage page, List<String> absent, boolean syncClaims) {
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        ArrayNode gone = extra.putArray("absent");
        absent.forEach(gone::add);
        extra.put("sync_claims", syncClaims);
        return TransferCodec.writeExportPage(page, extra);
    }

    /** 16 lower-case hex digits. */
    public static String hex(long digest) {
        return HEX.toHexDigits(digest);
    }

    private static void writeRanges(ArrayNode array, List<DigestRange> ranges) {
        for (DigestRange range : ranges) {
            array.addObject().put("from", range.from()).put("to", range.to()).put("count", range.count())
                    .put("digest", hex(range.digest()));
        }
    }

    private static List<DigestRange> ranges(ObjectNode body, String field) {
        List<DigestRange> ranges = new ArrayList<>();
        for (ObjectNode range : JsonFields.requireObjects(body, field, "body")) {
            String at = "range " + ranges.size() + " of " + field;
            ranges.add(new DigestRange(JsonFields.requireLong(range, "from", at), JsonFields.requireLong(range, "to", at),
                    JsonFields.requireLong(range, "count", at), digest(JsonFields.requireText(range, "digest", at),
                    "digest of " + at)));
        }
        return ranges;
    }

    private static OptionalLong optionalDigest(ObjectNode body, String field) {
        String text = JsonFields.optionalText(body, field, "body");
        return text == null ? OptionalLong.empty() : OptionalLong.of(digest(text, field + " of body"));
    }

    private static long digest(String text, String where) {
        if (text.length() != 16 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException(where + ": " + text + " (expected: 16 hex digits)");
        }
        return HexFormat.fromHexDigitsToLong(text);
    }
}
