package io.jobrun.futures;

/**
 * The lifecycle of an executor. Each executor keeps exactly one field of this type, guarded by its lock.
 *
 * <pre>
 * OPEN ──shutdown──▶ SHUTDOWN
 *   │
 *   └──a worker cannot start (initializer failed)──▶ BROKEN   (shutdown leaves it BROKEN)
 * </pre>
 */
// Public so that executors in other packages (io.jobrun.futures.process) use the same lifecycle.
public enum ExecutorState {
    /** Accepts work. */
    OPEN,
    /** Accepts no work; what was submitted still runs unless cancelled. */
    SHUTDOWN,
    /** Accepts no work; queued work failed with a broken-executor error. */
    BROKEN
}
