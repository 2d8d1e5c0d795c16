package io.jobrun.cluster;

/** Which of its pools a member runs a task on. */
public enum MemberPool {
    /** The member's threads, as many as its slots: a closure runs in the member's JVM. */
    THREADS,
    /**
     * Worker JVMs the member starts, as many as its slots, with the run's code loaded: for tasks that must not share
     * the member's JVM (native crashes, static state, their own heap); a time limit or a stop kills the worker.
     */
    PROCESSES
}
