package io.jobrun.futures;

import java.time.Duration;

/** What a thread-backed executor offers a {@link WorkItem} whose time limit has passed. */
interface WorkerSlots {
    /** The worker running a timed-out task gives up its place; the pool may start another. */
    void releaseSlot(Thread worker);

    /** How long a timed-out task has to return after its interrupt before it counts as leaked. */
    Duration leakGrace();

    /** A timed-out task ignored its interrupt; it keeps its thread, but the pool no longer counts it. */
    void taskLeaked(WorkItem<?> item, Thread worker);
}
