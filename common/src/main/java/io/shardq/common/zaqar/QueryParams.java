package io.shardq.common.zaqar;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query parameters parsed the way Zaqar's falcon does: blank values dropped, lists comma-separated,
 * booleans from {@code true True t yes y 1 on} / {@code false False f no n 0 off}, errors as 400
 * "Invalid parameter".
 */
public final class QueryParams {

    private static final Set<String> TRUE = Set.of("true", "True", "t", "yes", "y", "1", "on");
    private static final Set<String> FALSE = Set.of("false", "False", "f", "no", "n", "0", "off");

    private static final Pattern STRAY_PERCENT = Pattern.compile("%(?![0-9a-fA-F]{2})");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    public static QueryParams parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            QueryStringDecoder decoder = new QueryStringDecoder(escapeStrayPercents(rawQuery), false);
            decoder.parameters().forEach((name, all) -> {
                String last = all.get(all.size() - 1);
                if (!last.isEmpty()) {
                    values.put(name, String.join(",", all));
                }
            });
        }
        return new QueryParams(values);
    }

    /**
     * {@code %} not followed by two hex digits, escaped as {@code %25}: falcon and wsgiref keep such a
     * sequence as it is, where Netty's decoder throws (which became a 500).
     */
    public static String escapeStrayPercents(String text) {
        return text.indexOf('%') < 0 ? text : STRAY_PERCENT.matcher(text).replaceAll("%25");
    }

    public static QueryParams empty() {
        return new QueryParams(Map.of());
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every parameter, in request order. */
    public Map<String, String> all() {
        return values;
    }

    /** The integer value, or {@code null} when absent. */
    public Integer integer(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        String text = value.trim();
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            if (INTEGER.matcher(text).matches()) {
                // Python ints are unbounded: an integer this large is out of range, not malformed
                return text.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw HttpError.invalidParameter("The \"" + name + "\" parameter is invalid. The value must be an integer.");
        }
    }

    /** The boolean value, or {@code null} when absent. */
    public Boolean bool(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        if (TRUE.contains(value)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(value)) {
            return Boolean.FALSE;
        }
        throw HttpError.invalidParameter("The \"" + name + "\" parameter is invalid. "
                + "The value of the parameter must be \"true\" or \"false\".");
    }

    public boolean bool(String name, boolean fallback) {
        Boolean value = bool(name);
        return value == null ? fallback : value;
    }

    /** The comma-separated list, blank items dropped, or {@code null} when absent. */
    public List<String> list(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
        return items;
    }
}
