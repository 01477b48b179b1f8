package io.shardq.loadgen;

/** How the report is printed. */
public enum OutputFormat {
    text,
    json
}
