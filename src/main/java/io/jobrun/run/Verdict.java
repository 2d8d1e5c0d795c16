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
 * @param value      the result of a successful attempt (a worker process's {@link WorkerOutcome} unwrapped), else null
 * @param error      why it did not succeed, else null
 * @param fromWorker what a worker process measured for a successful attempt, else null
 */
record Verdict(TaskStatus status, Object value, Throwable error, WorkerOutcome fromWorker) {

    Verdict(TaskStatus status, Object value, Throwable error) {
        this(status, value, error, null);
    }

    /**
     * The verdict on an attempt whose future is done.
     *
     * @param stoppedAs      the status the run gave the attempt when it stopped it (timeout at the job's deadline,
     *                       cancelled on a signal), or null when it was not stopped
     * @param stoppedBecause what the stop says as the error
     */
    static Verdict of(Future<Object> future, TaskStatus stoppedAs, Throwable stoppedBecause) {
        // NOTE: one look at the future's state, then the value or error it holds: each look takes its lock.
        return switch (future.state()) {
            case CANCELLED -> new Verdict(TaskStatus.CANCELLED, null, stoppedBecause != null ? stoppedBecause
                    : new CancelledException("cancelled before it started"));
            case SUCCESS -> {
                Object value = future.resultNow();
                WorkerOutcome measured = value instanceof WorkerOutcome outcome ? outcome : null;
                yield stoppedAs != null ? new Verdict(stoppedAs, null, stoppedBecause, measured)
                        : new Verdict(TaskStatus.OK, measured != null ? measured.value() : value, null, measured);
            }
            case FAILED -> {
                Throwable error = future.exceptionNow();
                // NOTE: a task that called System.exit failed, and it is why the run stops: never "cancelled" by it.
                yield stoppedAs != null && !(error instanceof SystemExitException)
                        ? new Verdict(stoppedAs, null, stoppedBecause)
                        : new Verdict(error instanceof FutureTimeoutException ? TaskStatus.TIMEOUT : TaskStatus.FAILED,
                                null, error);
            }
            case RUNNING -> throw new IllegalStateException("a verdict was asked of a future that is not done");
        };
    }

    /** Whether the attempt ran out of its own time limit. */
    boolean timedOut() {
        return status == TaskStatus.TIMEOUT;
    }
}
