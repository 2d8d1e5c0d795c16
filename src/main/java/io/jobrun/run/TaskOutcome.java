package io.jobrun.run;

import io.jobrun.job.Durations;
import io.jobrun.job.TaskView;
import java.time.Duration;

/**
 * How one task instance ended.
 *
 * @param result   the value of a successful task, else null
 * @param error    why it did not succeed, else null
 * @param attempts how many times it was started (0 when skipped or cancelled before it started)
 * @param runTime  the time its attempts spent running, added up
 */
public record TaskOutcome(TaskInstance task, TaskStatus status, Object result, Throwable error, int attempts,
                          Duration runTime) implements TaskView {
    @Override
    public String getName() {
        return task.name();
    }

    @Override
    public String getStatus() {
        return status.word();
    }

    @Override
    public Object getResult() {
        return result;
    }

    @Override
    public Throwable getError() {
        return error;
    }

    @Override
    public int getAttempts() {
        return attempts;
    }

    @Override
    public String getDuration() {
        return Durations.format(runTime);
    }

    /**
     * Whether this outcome makes the job fail. Work that code submitted does not by itself, as in Python: the task
     * that submitted it sees the failure on its future and decides.
     */
    public boolean failsJob() {
        return status.isFailure() && !task.optional() && !task.submitted();
    }

    @Override
    public String toString() {
        return task.name() + " " + status.word();
    }
}
