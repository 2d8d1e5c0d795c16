package io.jobrun.cluster;

/**
 * The life of a {@link ClusterExecutor}'s connection to its members. One field of this type, guarded by the
 * executor's lock.
 *
 * <pre>
 * OPENING ──member started / client created──▶ OPEN ──shut down and idle──▶ CLOSED
 *    │                                                                        ▲
 *    ├──could not start──▶ FAILED                                             │
 *    └──shut down and idle before it opened──────────────────────────────────┘ (closed as soon as it opens)
 * </pre>
 */
enum LinkState {
    /** A member is starting or a client is being created, in the background; tasks queue. */
    OPENING,
    /** Members come and go through membership events; tasks are dispatched to them. */
    OPEN,
    /** The member or client could not be created; every task fails with the reason. */
    FAILED,
    /** Closed after the executor was shut down and every task settled. */
    CLOSED
}
