package io.shardq.proxy.routing;

import io.shardq.catalogue.QueueKey;
import io.shardq.common.zaqar.RequestHooks;

/**
 * Sorts requests by what routing needs to know, from method, path and project alone. A request whose
 * project or queue name Zaqar would reject is not routed by queue: any partition answers it with
 * Zaqar's error, so the catalogue never learns an invalid name. Runs for every request, so it reads the
 * path in place (no split, no regular expression).
 */
public final class RequestClassifier {

    private RequestClassifier() {
    }

    public static ClassifiedRequest classify(String method, String path, String project) {
        PathSegments parts = PathSegments.of(path);
        boolean versioned = parts.count() >= 3 && (parts.is(1, "v2") || parts.is(1, "v1.1"));
        if (!versioned) {
            return other(method);
        }
        if (parts.count() == 3 && parts.is(2, "ping") && method.equals("GET")) {
            return new ClassifiedRequest(RequestKind.PING, null, false, false, false, true);
        }
        if (parts.count() == 3 && parts.is(2, "queues") && method.equals("GET")) {
            return new ClassifiedRequest(RequestKind.QUEUE_LISTING, null, false, false, false, true);
        }
        if (parts.count() < 4 || !parts.is(2, "queues") || !routable(parts.get(3), project)) {
            return other(method);
        }
        QueueKey key = QueueKey.of(project, parts.get(3));
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        boolean queueItem = parts.count() == 4;
        boolean creates = (queueItem && method.equals("PUT"))
                || (parts.count() == 5 && parts.is(4, "messages") && method.equals("POST"));
        boolean deletes = queueItem && method.equals("DELETE");
        return new ClassifiedRequest(RequestKind.QUEUE, key, write, creates, deletes, idempotent(method));
    }

    private static boolean routable(String queue, String project) {
        return project != null && !project.isEmpty() && project.length() <= RequestHooks.PROJECT_ID_MAX
                && RequestHooks.isValidQueueName(queue);
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
