package io.jobrun.job;

import java.util.Objects;

/** The registries a job file is read against: the executor kinds it may declare and the task kinds it may use. */
public record Kinds(ExecutorKinds executors, TaskKinds tasks) {
    public Kinds {
        Objects.requireNonNull(executors, "executors");
        Objects.requireNonNull(tasks, "tasks");
    }

    public Kinds with(ExecutorKind... more) {
        return new Kinds(executors.with(more), tasks);
    }

    public Kinds with(TaskKind... more) {
        return new Kinds(executors, tasks.with(more));
    }
}
