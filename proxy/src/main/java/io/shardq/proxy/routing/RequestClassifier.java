package io.shardq.proxy.routing;

import io.shardq.catalogue.QueueKey;
import java.util.regex.Pattern;

/**
 * Sorts requests by what routing needs to know, from method, path and project alone. A request whose
 * project or queue name Zaqar would reject is not routed by queue: any partition answers it with
 * Zaqar's error, so the catalogue never learns an invalid name.
 */
public final class RequestClassifier {

    private static final Pattern QUEUE_NAME = Pattern.compile("^[a-zA-Z0-9_\\-.]{1,64}$");
    private static final int MAX_PROJECT = 256;

    private RequestClassifier() {
    }

    public static ClassifiedRequest classify(String method, String path, String project) {
        String[] parts = path.split("/", -1);
        boolean versioned = parts.length >= 3 && (parts[1].equals("v2") || parts[1].equals("v1.1"));
        if (!versioned) {
            return other(method);
        }
        if (parts.length == 3 && parts[2].equals("ping") && method.equals("GET")) {
            return new ClassifiedRequest(RequestKind.PING, null, false, false, false, true);
        }
        if (parts.length == 3 && parts[2].equals("queues") && method.equals("GET")) {
            return new ClassifiedRequest(RequestKind.QUEUE_LISTING, null, false, false, false, true);
        }
        if (parts.length < 4 || !parts[2].equals("queues") || !routable(parts[3], project)) {
            return other(method);
        }
        QueueKey key = QueueKey.of(project, parts[3]);
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        boolean queueItem = parts.length == 4;
        boolean creates = (queueItem && method.equals("PUT"))
                || (parts.length == 5 && parts[4].equals("messages") && method.equals("POST"));
        boolean deletes = queueItem && method.equals("DELETE");
        return new ClassifiedRequest(RequestKind.QUEUE, key, write, creates, deletes, idempotent(method));
    }

    private static boolean routable(String queue, String project) {
        return project != null && !project.isEmpty() && project.length() <= MAX_PROJECT
                && QUEUE_NAME.matcher(queue).matches();
    }

    private static ClassifiedRequest other(String method) {
        return new ClassifiedRequest(RequestKind.ANY_PARTITION, null, false, false, false, idempotent(method));
    }

    static boolean idempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE", "OPTIONS" -> true;
            default -> false;
        };
    }
}
