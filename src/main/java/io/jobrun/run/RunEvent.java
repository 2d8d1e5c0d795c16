package io.jobrun.run;

import io.jobrun.job.ExecutorSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a run's life. Each carries its instant, {@link #at()}, read from the run's {@link Ticker} when it was
 * published; listeners get them in that order on one thread (see {@link RunListener}).
 */
public sealed interface RunEvent {
    /** When it happened: nanoseconds on the run's ticker. */
    long at();

    /**
     * The run begins.
     *
     * @param wallClock      the wall-clock time at {@code at}, to turn instants into dates
     * @param planned        the declared task instances known now, in declaration order
     * @param pendingFanOuts the fan-outs whose items are read when they become ready; each is announced by a
     *                       {@link FanOutExpanded} (or finishes as one skipped or failed row)
     * @param executors      every executor of the run, the default one included when tasks use it
     * @param identity       the run's id and the job file's content hash
     * @param params         the parameters in force, so that reports know them (and which to mask) from the start
     */
    record JobStarted(long at, Instant wallClock, String file, List<TaskInstance> planned,
                      List<String> pendingFanOuts, List<ExecutorSpec> executors, RunIdentity identity,
                      Map<String, String> params) implements RunEvent {
        public JobStarted {
            planned = List.copyOf(planned);
            pendingFanOuts = List.copyOf(pendingFanOuts);
            executors = List.copyOf(executors);
            Objects.requireNonNull(identity, "identity");
            params = Map.copyOf(params);
        }

        /** A start with no parameters: for tests of one listener. */
        public JobStarted(long at, Instant wallClock, String file, List<TaskInstance> planned,
                          List<String> pendingFanOuts, List<ExecutorSpec> executors, RunIdentity identity) {
            this(at, wallClock, file, planned, pendingFanOuts, executors, identity, Map.of());
        }

        /** A start with no executors named and a job that was not read from a file: for tests of one listener. */
        public JobStarted(long at, Instant wallClock, String file, List<TaskInstance> planned,
                          List<String> pendingFanOuts) {
            this(at, wallClock, file, planned, pendingFanOuts, List.of(), RunIdentity.unread());
        }
    }

    /** A fan-out read its items (a glob, a file's lines, a task's result) when it became ready. */
    record FanOutExpanded(long at, String spec, List<TaskInstance> instances) implements RunEvent {
        public FanOutExpanded {
            instances = List.copyOf(instances);
        }
    }

    /** The run moved to {@code state}; {@code cause} says why it left RUNNING, or is null. */
    record StateChanged(long at, RunState state, StopCause cause) implements RunEvent {
    }

    /**
     * An attempt began running on {@code worker} (attempt 1 is the first). For a process executor it is the moment
     * the attempt was sent, as this JVM cannot see when a worker takes it. Submitted work appears first here.
     */
    record AttemptStarted(long at, TaskInstance task, int attempt, String worker) implements RunEvent {
    }

    /**
     * An attempt was lost with its worker, a cluster member that left while it ran; the task runs again at once on
     * {@code worker} as the next attempt, which uses up no retry ("attempt 2 on 10.0.0.7:5701 after 10.0.0.8:5701
     * left").
     */
    record AttemptLost(long at, TaskInstance task, AttemptRecord lost, String worker) implements RunEvent {
        /** "attempt 2 on 10.0.0.7:5701 after 10.0.0.8:5701 left". */
        public String describe() {
            return "attempt " + (lost.number() + 1) + " on " + worker + " after " + lost.worker() + " left";
        }
    }

    /** An attempt failed and another follows after {@code delay}. */
    record RetryScheduled(long at, TaskInstance task, AttemptRecord failed, Duration delay) implements RunEvent {
    }

    /** A task instance reached its final status; its outcome holds every attempt. */
    record TaskFinished(long at, TaskOutcome outcome) implements RunEvent {
    }

    /** Something secondary went wrong (a callback or a report listener threw); the report lists it. */
    record Warning(long at, String message) implements RunEvent {
    }

    /** The run is over; the last event. */
    record JobFinished(long at, RunResult result) implements RunEvent {
    }
}
