package io.shardq.catalogue;

/**
 * Identifies a queue in the catalogue: a project (tenant; {@code ""} for none) and a queue name. Its
 * {@link #key()} {@code project/queue} is the catalogue's unique key; queue names never contain {@code /},
 * so the key splits at its last {@code /}.
 */
public record QueueKey(String project, String queue) implements Comparable<QueueKey> {

    /** Longest project id accepted, in characters. */
    public static final int MAX_PROJECT_LENGTH = 256;

    public QueueKey {
        Problems problems = new Problems();
        problems.check(project != null && project.length() <= MAX_PROJECT_LENGTH
                        && project.chars().noneMatch(Character::isISOControl),
                "project: " + Problems.quote(project) + " (expected: at most " + MAX_PROJECT_LENGTH
                        + " characters, no control characters)");
        problems.queueName("queue", queue);
        problems.throwIfAny();
    }

    /** A key; a {@code null} project means no project ({@code ""}). */
    public static QueueKey of(String project, String queue) {
        return new QueueKey(project == null ? "" : project, queue);
    }

    /** Parses {@code project/queue} as produced by {@link #key()}. */
    public static QueueKey parse(String key) {
        int slash = key.lastIndexOf('/');
        if (slash < 0) {
            throw new InvalidCatalogueValueException(
                    java.util.List.of("key: " + Problems.quote(key) + " (expected: project/queue)"));
        }
        return new QueueKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /** {@code project/queue}, the catalogue's unique key. */
    public String key() {
        return project + "/" + queue;
    }

    @Override
    public int compareTo(QueueKey other) {
        int byProject = project.compareTo(other.project);
        return byProject != 0 ? byProject : queue.compareTo(other.queue);
    }

    @Override
    public String toString() {
        return key();
    }
}
