package io.jobrun.run;

import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskSpec;
import java.util.Objects;

/**
 * One row of the report: a declared task, one item of a fan-out, or work that code submitted itself.
 *
 * @param id       stable across runs: the spec's name and the item's index
 * @param name     as the report shows it: {@code build}, {@code analyze[a.txt]}, {@code parent/io-1}
 * @param spec     the declaration, or null for work submitted from code
 * @param executor the executor's name
 * @param item     the fan-out item, or null
 * @param position where it was declared (for submitted work: the task that submitted it)
 */
public record TaskInstance(InstanceId id, String name, TaskSpec spec, String executor, Object item,
                           SourcePosition position) {
    public TaskInstance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(position, "position");
    }

    /** Whether a failure of this task leaves the job's outcome alone. */
    public boolean optional() {
        return spec != null && spec.optional();
    }

    /** Whether code submitted this work rather than the job file declaring it. */
    public boolean submitted() {
        return spec == null;
    }
}
