package io.jobrun.job;

import java.time.Duration;
import java.util.Objects;

/**
 * A declared pool: {@code executor 'io', threads(8)}.
 *
 * @param name      what tasks refer to with {@code on:}
 * @param kind      "threads", "virtualThreads" or "processes"; the interpreter's registry says which exist
 * @param workers   at most this many tasks at once
 * @param leakGrace how long a timed-out task may ignore its interrupt before it counts as leaked, or null for the
 *                  pool's default
 */
public record ExecutorSpec(String name, String kind, int workers, Duration leakGrace, SourcePosition position) {
    public ExecutorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(position, "position");
    }

    /** "threads(8)": how the executor reads in a plan and a report. */
    public String describe() {
        return kind + "(" + workers + ")";
    }
}
