package io.jobrun.dsl.groovy;

import io.jobrun.job.Positions;
import io.jobrun.job.TaskBody;

/**
 * What a task kind's call returns, {@code shell('make -j2')} or {@code http(get: url)}: a body waiting for its task,
 * with where its options are written.
 */
public final class BodyCall {
    final TaskBody body;
    final Positions positions;
    private final String kind;

    BodyCall(String kind, TaskBody body, Positions positions) {
        this.kind = kind;
        this.body = body;
        this.positions = positions;
    }

    /** The task kind's name: "shell". */
    String kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind + "(...)";
    }
}
