package io.jobrun.futures;

/**
 * The five states of a {@link Future}, named as in CPython's {@code concurrent.futures._base}.
 *
 * <pre>
 * PENDING ──setRunningOrNotifyCancel──▶ RUNNING ──setResult / setException──▶ FINISHED
 *    │                                                                          ▲
 *    ├──────────────────────setResult / setException────────────────────────────┘
 *    │
 *    └──cancel──▶ CANCELLED ──setRunningOrNotifyCancel──▶ CANCELLED_AND_NOTIFIED
 * </pre>
 */
public enum FutureState {
    /** Submitted, not started; {@code cancel()} succeeds. */
    PENDING,
    /** A worker has started the task; {@code cancel()} fails. */
    RUNNING,
    /** Cancelled before it started; the executor has not yet seen the cancellation. */
    CANCELLED,
    /** Cancelled, and the executor has acknowledged it (the task will never run). */
    CANCELLED_AND_NOTIFIED,
    /** Completed with a result or an exception. */
    FINISHED;

    boolean isDone() {
        return this == CANCELLED || this == CANCELLED_AND_NOTIFIED || this == FINISHED;
    }

    boolean isCancelled() {
        return this == CANCELLED || this == CANCELLED_AND_NOTIFIED;
    }
}
