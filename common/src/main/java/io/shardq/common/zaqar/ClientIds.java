package io.shardq.common.zaqar;

import java.util.Locale;

/**
 * Client-ID handling as Python's {@code uuid.UUID()} parses it: hyphenated, 32-hex, {@code {...}} and
 * {@code urn:uuid:} forms are the same UUID. Canonical form is lowercase and hyphenated, so {@code echo}
 * compares equal ids equally whatever form they were sent in.
 */
public final class ClientIds {

    private ClientIds() {
    }

    /** The canonical UUID text, or {@code null} if {@code value} is not a UUID. */
    public static String canonical(String value) {
        String hex = value.replace("urn:", "").replace("uuid:", "");
        int start = 0;
        int end = hex.length();
        while (start < end && (hex.charAt(start) == '{' || hex.charAt(start) == '}')) {
            start++;
        }
        while (end > start && (hex.charAt(end - 1) == '{' || hex.charAt(end - 1) == '}')) {
            end--;
        }
        hex = hex.substring(start, end).replace("-", "");
        if (hex.length() != 32) {
            return null;
        }
        for (int i = 0; i < 32; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return null;
            }
        }
        hex = hex.toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** The id messages are stored under: canonical when it is a UUID, else as sent. */
    public static String normalize(String value) {
        if (value == null) {
            return null;
        }
        String canonical = canonical(value);
        return canonical == null ? value : canonical;
    }
}
