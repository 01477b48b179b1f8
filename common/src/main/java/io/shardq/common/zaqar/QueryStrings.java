package io.shardq.common.zaqar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Builds next-page query strings as falcon's {@code to_query_str} does: {@code ?k=v&…}, booleans as true/false. */
public final class QueryStrings {

    private QueryStrings() {
    }

    public static String of(Map<String, Object> params) {
        if (params.isEmpty()) {
            return "";
        }
        StringJoiner joiner = new StringJoiner("&", "?", "");
        params.forEach((name, value) -> joiner.add(name + "=" + encode(render(value))));
        return joiner.toString();
    }

    private static String render(Object value) {
        if (value instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        return String.valueOf(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%2C", ",");
    }
}
