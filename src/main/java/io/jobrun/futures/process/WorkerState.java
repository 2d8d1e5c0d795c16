package io.jobrun.futures.process;

/**
 * The life of one worker process, as its pool sees it. Each {@link WorkerProcess} has one field of this type,
 * guarded by the pool's lock.
 *
 * <pre>
 *            READY                 call sent
 * STARTING ────────▶ IDLE ◀──────────────────▶ BUSY ──┐ next call sent at once when work is queued
 *    │                 │      results back       ▲    │
 *    │                 │                         └────┘
 *    │                 │ retire: pool shut down,       │ maxTasksPerChild reached, or time limit
 *    │                 │ nothing queued               │ passed (process tree killed)
 *    │                 ▼                               ▼
 *    │              RETIRING ◀─────────────────────────┘
 *    │                 │
 *    └─────────────────┴──── the process has ended (any state) ────▶ DEAD
 * </pre>
 * Only STARTING, IDLE and BUSY workers count against {@code maxWorkers}: a retiring worker's slot is free at once.
 */
enum WorkerState {
    /** The JVM is starting or running the initializer; no call yet. */
    STARTING,
    /** Waiting for a call. */
    IDLE,
    /** Running exactly one call. */
    BUSY,
    /** Told to exit (its input closed) or killed; its end is awaited, and nothing is sent to it any more. */
    RETIRING,
    /** The process has ended; what it ran has been settled. */
    DEAD;

    /** Whether the worker holds one of the pool's {@code maxWorkers} slots. */
    boolean holdsSlot() {
        return this == STARTING || this == IDLE || this == BUSY;
    }
}
