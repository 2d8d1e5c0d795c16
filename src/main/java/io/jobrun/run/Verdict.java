package io.jobrun.run;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.SystemExitException;
import io.jobrun.task.WorkerOutcome;

/**
 * How one finished attempt ended: ok, failed, timeout or cancelled. The one classification for declared tasks and
 * for work that tasks submit themselves. The fifth status, leaked, is given by the interpreter when a body has not
 * returned within its executor's leak grace; a verdict is only asked for once the body returned.
 *
 * @param value the result of a successful attempt (a worker process's {@link WorkerOutcome} unwrapped), else null
 * @param error why it did not succeed, else null
 */
record Verdict(TaskStatus status, Object value, Throwable error) {

    /**
     * The verdict on an attempt whose future is done.
     *
     * @param stoppedAs      the status the run gave the attempt when it stopped it (timeout at the job's deadline,
     *                       cancelled on a signal), or null when it was not stopped
     * @param stoppedBecause what the stop says as the error
     */
    static Verdict of(Future<Object> future, TaskStatus stoppedAs, Throwable stoppedBecause) {
        if (future.cancelled()) {
            return new Verdict(TaskStatus.CANCELLED, null, stoppedBecause != null ? stoppedBecause
                    : new CancelledException("cancelled before it started"));
        }
        Throwable error = future.exception();
        // NOTE: a task that called System.exit failed, and it is why the run stops: never "cancelled" by that stop.
        if (stoppedAs != null && !(error instanceof SystemExitException)) {
            return new Verdict(stoppedAs, null, stoppedBecause);
        }
        if (error == null) {
            Object value = future.result();
            return new Verdict(TaskStatus.OK, value instanceof WorkerOutcome outcome ? outcome.value() : value, null);
        }
        return new Verdict(error instanceof FutureTimeoutException ? TaskStatus.TIMEOUT : TaskStatus.FAILED, null,
                error);
    }

    /** Whether the attempt ran out of its own time limit. */
    boolean timedOut() {
        return status == TaskStatus.TIMEOUT;
    }
}
