package io.jobrun.job;

/** Code the job file runs when something happens: a task succeeded, failed, timed out, or the job ended. */
@FunctionalInterface
public interface Callback {
    /** {@code subject} is a {@link TaskView} for task callbacks and a {@link RunView} for job callbacks. */
    void call(Object subject) throws Exception;
}
