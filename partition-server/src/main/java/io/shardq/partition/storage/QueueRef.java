package io.shardq.partition.storage;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a queue: a project (tenant; {@code ""} for none) and a queue name. Every message and claim
 * id is scoped by it: an id is meaningful only within its own {@code QueueRef}.
 */
public record QueueRef(String project, String queue) implements Comparable<QueueRef> {

    public QueueRef {
        requireNonNull(project, "project");
        requireNonNull(queue, "queue");
    }

    public static QueueRef of(String project, String queue) {
        return new QueueRef(project == null ? "" : project, queue);
    }

    /** {@code project/queue}, the catalogue key form. */
    public String key() {
        return project + "/" + queue;
    }

    @Override
    public int compareTo(QueueRef other) {
        int byProject = project.compareTo(other.project);
        return byProject != 0 ? byProject : queue.compareTo(other.queue);
    }

    @Override
    public String toString() {
        return key();
    }
}
