package io.shardq.proxy.cli;

import java.net.URI;

/** The admin API gave no answer: nothing listens, the connection broke, or it timed out. Exit code 3. */
final class AdminUnreachableException extends RuntimeException {

    private final URI url;

    AdminUnreachableException(URI url, String reason, Throwable cause) {
        super("cannot reach " + url + ": " + reason, cause);
        this.url = url;
    }

    String hint() {
        return "is the proxy running at " + url + "? (set --url or QCTL_URL to its admin URL, printed at start as "
                + "'admin http://…')";
    }
}
