package io.jobrun.report;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.run.RunIdentity;
import java.time.Instant;
import java.util.List;

/**
 * What a report file knows of a run when it starts: enough to write each task as it finishes. Its texts come with
 * secrets masked already ({@link SecretMask}).
 *
 * @param file        the job file as the user named it
 * @param wallClock   the wall-clock time at {@code startedAt}
 * @param startedAt   when the run started, on the run's ticker
 * @param executors   the run's executors, the default one included when used
 */
record RunStart(String file, RunIdentity identity, Instant wallClock, long startedAt, List<ExecutorSpec> executors) {
    RunStart {
        executors = List.copyOf(executors);
    }

    /** The wall-clock time of the ticker instant {@code at}. */
    Instant wall(long at) {
        return wallClock.plusNanos(at - startedAt);
    }

    /** Milliseconds from the run's start to {@code at}. */
    double sinceStart(long at) {
        return (at - startedAt) / 1e6;
    }
}
