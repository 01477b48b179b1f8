package io.shardq.common.zaqar;

/** Whether an {@code Accept} header admits {@code application/json} (falcon's {@code client_accepts}). */
final class AcceptHeader {

    private AcceptHeader() {
    }

    static boolean allowsJson(String accept) {
        if (accept.isBlank()) {
            return true;
        }
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(java.util.Locale.ROOT);
            if (qualityOf(parts) > 0 && (type.equals("application/json") || type.equals("application/*")
                    || type.equals("*/*") || type.equals("*"))) {
                return true;
            }
        }
        return false;
    }

    private static double qualityOf(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("q=")) {
                try {
                    return Double.parseDouble(param.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
