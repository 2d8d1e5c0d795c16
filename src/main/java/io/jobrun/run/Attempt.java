package io.jobrun.run;

import io.jobrun.futures.ExitHook;
import io.jobrun.futures.Future;
import io.jobrun.futures.Task;
import io.jobrun.task.TaskOutput;

/**
 * One try at running a task instance: the code a worker thread runs, and what the interpreter needs to time it, stop
 * it and tell whether it is still running. For a process executor the body runs in a worker JVM and this object
 * stays here: it starts when sent and returns when its future ends.
 *
 * <p>Possible phase transitions: QUEUED -> RUNNING -> RETURNED. An attempt that never starts (cancelled) stays QUEUED,
 * and so does one that runs in a worker JVM: that worker is killed when it must stop, so its body never outlives
 * its future. The phase is written by the worker and read by the interpreter's thread; the interpreter alone writes
 * the rest after submission.
 */
final class Attempt implements Task<Object>, EventDispatcher.Held {
    enum Phase { QUEUED, RUNNING, RETURNED }

    /** What the attempt tells its run: a body that returned after the run stopped waiting for it. */
    interface Owner {
        /** The body of a watched attempt returned; called on the worker's thread. */
        void returnedLate(Attempt attempt);

        /** The attempt started; returns the instant of its start event. Called on the worker's thread. */
        long started(Attempt attempt, String worker);

        /** The run's clock. */
        long nanos();
    }

    final transient InstanceRun run;
    final int number;
    final String executor;
    final long submittedAt;
    private final transient Task<Object> body;
    private final transient Owner owner;
    private volatile Phase phase = Phase.QUEUED;
    /** The worker running the body; set while it runs, for interrupting it. */
    private transient volatile Thread worker;
    private volatile String workerName;
    private volatile long startedAt = AttemptRecord.NEVER;
    /** When the body returned, read by the worker itself; NEVER while it runs or when it ran elsewhere. */
    private volatile long returnedAt = AttemptRecord.NEVER;
    /** Set by the interpreter once it waits for the body to return (after a time limit, or when stopping). */
    private volatile boolean watched;
    /** The pool's future; set by the interpreter right after submission. */
    transient Future<Object> future;
    /** What this attempt printed; set with the future. */
    transient TaskOutput output;
    /**
     * Its start, while held for the listeners' thread ({@link EventDispatcher#hold}): taken once, by that thread to
     * deliver it or by the attempt's end ({@link #record}), which makes it moot.
     */
    private volatile RunEvent heldStart;
    /** Whether the interpreter has given this attempt its final status; the interpreter's thread only. */
    boolean settled;
    /** Whether a leak-grace timer runs for it; the interpreter's thread only. */
    boolean graceScheduled;

    Attempt(InstanceRun run, int number, String executor, long submittedAt, Task<Object> body, Owner owner) {
        this.run = run;
        this.number = number;
        this.executor = executor;
        this.submittedAt = submittedAt;
        this.body = body;
        this.owner = owner;
    }

    @Override
    public Object call() throws Exception {
        Thread current = Thread.currentThread();
        worker = current;
        workerName = current.getName();
        startedAt = owner.started(this, workerName);
        phase = Phase.RUNNING;
        try {
            return body.call();
        } finally {
            worker = null;
            returnedAt = owner.nanos();
            phase = Phase.RETURNED;
            // NOTE: read watched after writing the phase (both volatile): either the interpreter sees RETURNED
            // when it starts watching, or this thread sees watched and tells it; possibly both, which it ignores.
            if (watched) {
                owner.returnedLate(this);
            }
        }
    }

    /**
     * Starts an attempt whose body runs in a worker JVM: it counts as started from now, until the worker's own
     * measure replaces that ({@link #measuredElsewhere}).
     */
    void startedElsewhere() {
        startedAt = owner.started(this, workerName);
    }

    /** Its executor placed it on {@code worker} (a cluster member), whose name the record keeps. */
    void placedOn(String worker) {
        workerName = worker;
    }

    /**
     * What the worker JVM measured: the body ran for {@code runNanos} up to {@code endedAt} here, in worker
     * {@code worker}. The start moves to match, so waiting for a free worker is not counted as run time.
     */
    void measuredElsewhere(long endedAt, long runNanos, String worker) {
        startedAt = Math.max(startedAt, endedAt - runNanos);
        if (workerName == null) { // NOTE: a placement names the worker better than its pid (a member's address)
            workerName = worker;
        }
    }

    /** Holds {@code start} until the listeners' thread or this attempt's end takes it; before handing it over. */
    void holdStart(RunEvent start) {
        heldStart = start;
    }

    /**
     * NOTE: a lock, not a VarHandle: in a fresh JVM the first thousands of calls of a VarHandle's getAndSet go
     * through method handles while interpreted, and a fresh run of 100,000 short tasks took more CPU than when each
     * start was published (3.70 against 3.54 s; with the lock 2.91 against 2.99, alternated runs each). Only the two
     * that take it at the same moment ever wait for it.
     */
    @Override
    public RunEvent take() {
        if (heldStart == null) {
            return null;
        }
        synchronized (this) {
            RunEvent start = heldStart;
            heldStart = null;
            return start;
        }
    }

    /** Whether the body is not running (any more): it returned, or it never started. */
    boolean returned() {
        return phase != Phase.RUNNING;
    }

    boolean started() {
        return startedAt != AttemptRecord.NEVER;
    }

    long startedAt() {
        return startedAt;
    }

    String workerName() {
        return workerName;
    }

    /**
     * Asks to be told when the body returns; returns true if it already has, in which case no call will come
     * necessarily.
     */
    boolean watch() {
        watched = true;
        return returned();
    }

    void interrupt() {
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Whether the body called {@code System.exit}: its thread waits there for good while the JVM exits. */
    boolean blockedInExit() {
        Thread thread = worker;
        return thread != null && ExitHook.isBlockedInExit(thread);
    }

    /**
     * The record of this attempt with {@code status}: it ended when its body returned, as the worker saw it, or at
     * {@code settledAt} when the body did not return in time (leaked) or ran elsewhere.
     */
    AttemptRecord record(long settledAt, TaskStatus status, Throwable error) {
        take(); // NOTE: before its end is published: a start not delivered by now never is
        long ended = returnedAt != AttemptRecord.NEVER && status != TaskStatus.LEAKED ? returnedAt : settledAt;
        return new AttemptRecord(number, executor, workerName, submittedAt, startedAt, ended, status, error);
    }
}
