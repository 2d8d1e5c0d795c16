package io.jobrun.job;

import java.util.ArrayList;
import java.util.List;

/** A registry of task kinds, by name: what the fronts bind. The standard one is {@code io.jobrun.task.TaskRegistry}. */
public final class TaskKinds extends Registry<TaskKind> {
    public TaskKinds(List<? extends TaskKind> kinds) {
        super(kinds, TaskKind::name, "task kind");
    }

    /** This registry with {@code more} kinds after its own. */
    public TaskKinds with(TaskKind... more) {
        List<TaskKind> all = new ArrayList<>(all());
        all.addAll(List.of(more));
        return new TaskKinds(all);
    }
}
