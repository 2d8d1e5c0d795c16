package io.jobrun.run;

import java.time.Duration;
import java.util.List;

/** One step of a run's life; the interpreter publishes each to every {@link RunListener}. */
public sealed interface RunEvent {

    /** The run begins; {@code planned} are the declared task instances. */
    record JobStarted(String file, List<TaskInstance> planned) implements RunEvent {
    }

    /** An attempt began running on a worker (attempt 1 is the first). Submitted work appears first here. */
    record TaskStarted(TaskInstance task, int attempt) implements RunEvent {
    }

    /** An attempt failed and another follows after {@code delay}. */
    record TaskRetrying(TaskInstance task, int failedAttempt, Duration delay, Throwable error) implements RunEvent {
    }

    /** A task instance reached its final status. */
    record TaskFinished(TaskOutcome outcome) implements RunEvent {
    }

    /** Something secondary went wrong (a callback threw); the report lists it. */
    record Warning(String message) implements RunEvent {
    }

    /** The run is over. */
    record JobFinished(RunResult result) implements RunEvent {
    }
}
