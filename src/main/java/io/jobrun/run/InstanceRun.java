package io.jobrun.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The interpreter's record of one task instance, declared or submitted by code. Owned by the interpreter's thread.
 *
 * <p>Possible state transitions: WAITING -> IN_FLIGHT -> (RETRY_WAIT -> IN_FLIGHT)* -> DONE, and WAITING or
 * RETRY_WAIT -> DONE when the task is skipped or cancelled. IN_FLIGHT covers queued and running: the pool decides
 * when a submitted attempt starts.
 */
final class InstanceRun {
    enum State { WAITING, IN_FLIGHT, RETRY_WAIT, DONE }

    final TaskInstance instance;
    /** The spec's record, or null for work that code submitted. */
    final SpecRun spec;
    /** The item's index in its fan-out, or 0. */
    final int index;
    State state = State.WAITING;
    /** The attempt in flight, or null. */
    Attempt current;
    /** Finished attempts, oldest first. */
    final List<AttemptRecord> history = new ArrayList<>(1);
    /** Set when the run stops this task from outside: it decides the status when its attempt ends. */
    TaskStatus stoppedAs;
    Throwable stoppedBecause;
    TaskOutcome outcome;
    /** What its last attempt printed (first and last lines). */
    List<String> printed = List.of();

    InstanceRun(TaskInstance instance, SpecRun spec, int index) {
        this.instance = instance;
        this.spec = spec;
        this.index = index;
    }

    int attemptsSoFar() {
        return history.size() + (current == null ? 0 : 1);
    }

    /** The finished tries that count against its retries: all but those lost with their worker. */
    int triesCounted() {
        int counted = 0;
        for (AttemptRecord attempt : history) {
            if (attempt.status() != TaskStatus.LOST) {
                counted++;
            }
        }
        return counted;
    }

    boolean done() {
        return state == State.DONE;
    }
}
