package io.jobrun.run;

import java.time.Duration;

/**
 * The interpreter's record of one declared task instance. Owned by the interpreter's thread; never shared.
 *
 * <p>Possible state transitions: WAITING -> RUNNING -> (RETRY_WAIT -> RUNNING)* -> DONE, and WAITING or RETRY_WAIT ->
 * DONE when the task is skipped or cancelled.
 */
final class InstanceRun {
    enum State { WAITING, RUNNING, RETRY_WAIT, DONE }

    final TaskInstance instance;
    State state = State.WAITING;
    int attempts;
    Duration runTime = Duration.ZERO;
    /** The attempt running now, or null. */
    Attempt current;
    /** The last attempt's failure, kept for a cancelled retry. */
    Throwable lastError;
    /** Set when the run stops this task from outside: it decides the status when its attempt ends. */
    TaskStatus stoppedAs;
    Throwable stoppedBecause;
    TaskOutcome outcome;

    InstanceRun(TaskInstance instance) {
        this.instance = instance;
    }

    boolean done() {
        return state == State.DONE;
    }

    boolean ok() {
        return outcome != null && outcome.status() == TaskStatus.OK;
    }
}
