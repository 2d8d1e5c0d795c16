package io.jobrun.job;

/** The code of a task, as a front compiled it; syntax-free so that every front hands the runner the same thing. */
@FunctionalInterface
public interface TaskCode {
    /** Runs once per attempt, on a worker of the task's executor. */
    Object run(TaskContext context) throws Exception;
}
