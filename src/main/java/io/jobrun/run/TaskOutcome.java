package io.jobrun.run;

import java.time.Duration;
import java.util.List;

/**
 * How one task instance ended.
 *
 * @param result  the value of a successful task, else null
 * @param error   why it did not succeed, else null
 * @param history its attempts in order, each with its instants; empty when it was skipped or cancelled before it was
 *                ever submitted
 * @param output  what its last attempt printed, all sources in one stream: its first and last lines
 */
public record TaskOutcome(TaskInstance task, TaskStatus status, Object result, Throwable error,
                          List<AttemptRecord> history, List<String> output) {
    public TaskOutcome {
        history = List.copyOf(history);
        output = List.copyOf(output);
    }

    /** An outcome without printed output. */
    public TaskOutcome(TaskInstance task, TaskStatus status, Object result, Throwable error,
                       List<AttemptRecord> history) {
        this(task, status, result, error, history, List.of());
    }

    /** How many times it was started (0 when skipped, or cancelled before it started). */
    public int attempts() {
        int started = 0;
        // NOTE: by index, with no iterator made: asked of each of 100,000 outcomes by the journal and the reports.
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).didStart()) {
                started++;
            }
        }
        return started;
    }

    /** The time its attempts spent running, added up. */
    public Duration runTime() {
        return Duration.ofNanos(runNanos());
    }

    /** {@link #runTime()} in nanoseconds, made without an object: every report asks it of every task. */
    public long runNanos() {
        long sum = 0;
        for (int i = 0; i < history.size(); i++) {
            sum += history.get(i).runNanos();
        }
        return sum;
    }

    /**
     * Whether this outcome makes the job fail. An optional task's failure does not; nor does work that code
     * submitted, as in Python: the task that submitted it sees the failure on its future and decides.
     */
    public boolean failsJob() {
        return status.isFailure() && !task.optional() && !task.submitted();
    }

    @Override
    public String toString() {
        return task.name() + " " + status.word();
    }
}
