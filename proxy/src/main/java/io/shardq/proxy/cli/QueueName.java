package io.shardq.proxy.cli;

import static java.util.Objects.requireNonNull;

import io.shardq.common.zaqar.RequestHooks;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A queue as operators name it on the command line, {@code PROJECT/QUEUE}. The project may be empty
 * ({@code /orders}: the no-project namespace); the queue must be a valid Zaqar queue name.
 */
record QueueName(String project, String queue) {

    QueueName {
        requireNonNull(project, "project");
        requireNonNull(queue, "queue");
    }

    /** Parses {@code PROJECT/QUEUE}, splitting at the last {@code /} (queue names have none). */
    static QueueName parse(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(text + " (expected: PROJECT/QUEUE, or /QUEUE for the no-project "
                    + "namespace)");
        }
        String project = text.substring(0, slash);
        String queue = text.substring(slash + 1);
        if (!RequestHooks.isValidQueueName(queue)) {
            throw new IllegalArgumentException("queue: '" + queue + "' (expected: 1 to " + RequestHooks.QUEUE_NAME_MAX
                    + " of a-z, A-Z, 0-9, '.', '_' and '-')");
        }
        if (project.length() > RequestHooks.PROJECT_ID_MAX) {
            throw new IllegalArgumentException("project: " + project.length() + " characters (expected: at most "
                    + RequestHooks.PROJECT_ID_MAX + ")");
        }
        return new QueueName(project, queue);
    }

    @Override
    public String toString() {
        return project + "/" + queue;
    }

    /** Picocli's converter: a bad value is a usage error (exit 2) that says what was expected. */
    static final class Converter implements ITypeConverter<QueueName> {

        @Override
        public QueueName convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
