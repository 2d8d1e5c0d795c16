package io.jobrun.futures;

import java.time.Duration;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A submitted task and its future, as they wait in a thread-backed executor's queue.
 *
 * <p>The worker, the time limit and the exit hook race to settle a running task. The phase decides who wins:
 * RUNNING -> RETURNED (the worker completes the future), RUNNING -> TIMED_OUT (the timer fails the future,
 * interrupts the worker and frees its slot; the worker then discards what the task returns and exits), or
 * RUNNING -> ABANDONED (at JVM exit the task's thread is blocked in System.exit; the exit hook fails the future).
 */
final class WorkItem<T> {
    private static final int RUNNING = 0;
    private static final int RETURNED = 1;
    private static final int TIMED_OUT = 2;
    private static final int ABANDONED = 3;

    final Future<T> future;
    private final Task<T> task;
    /** Null for no limit. */
    private final Duration timeLimit;
    private static final VarHandle PHASE;

    static {
        try {
            PHASE = MethodHandles.lookup().findVarHandle(WorkItem.class, "phase", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** RUNNING, RETURNED, TIMED_OUT or ABANDONED; a field rather than an AtomicInteger, since every submit makes a WorkItem. */
    @SuppressWarnings("unused")
    private volatile int phase = RUNNING;
    /** Set when a timed-out task finally returns; read by the leak check. */
    private volatile boolean returnedLate;
    /** Whether expire has scheduled the leak check; only expire touches it, and one run of it at a time. */
    private boolean leakCheckScheduled;
    /** The item whose task runs on this thread with a time limit, for {@link TimeLimits#offTheClock}. */
    private static final ThreadLocal<WorkItem<?>> RUNNING_HERE = new ThreadLocal<>();
    /** The time limit's pending alarm while the task runs; only the worker thread touches it. */
    private TimeLimits.Alarm alarm;
    /** The worker and its slots while the task runs, to schedule the alarm again; only the worker touches them. */
    private Thread worker;
    private WorkerSlots slots;

    WorkItem(Future<T> future, Task<T> task, Duration timeLimit) {
        this.future = future;
        this.task = task;
        this.timeLimit = timeLimit;
    }

    /**
     * Runs the task in the calling worker thread unless the future was cancelled.
     *
     * @return false when the time limit passed: the caller's slot has been given away and it must exit
     */
    boolean run(WorkerSlots slots) {
        if (!future.setRunningOrNotifyCancel()) {
            return true;
        }
        T value = null;
        Throwable error = null;
        try {
            if (timeLimit != null) {
                // NOTE: inside the try: an OutOfMemoryError here fails the future rather than leave it running forever
                this.worker = Thread.currentThread();
                this.slots = slots;
                startClock();
                RUNNING_HERE.set(this);
            }
            value = task.call();
        } catch (Throwable t) {
            error = t;
        } finally {
            if (timeLimit != null) {
                RUNNING_HERE.remove();
            }
        }
        if (timeLimit != null) {
            stopClock();
            if (!PHASE.compareAndSet(this, RUNNING, RETURNED)) {
                returnedLate = true;
                return false;
            }
        }
        future.finish(value, error);
        return true;
    }

    private void startClock() {
        Thread runner = worker;
        WorkerSlots ownSlots = slots;
        String exceeded = TimeLimits.exceededMessage(timeLimit);
        alarm = TimeLimits.schedule(timeLimit, () -> expire(runner, ownSlots, exceeded));
    }

    private void stopClock() {
        if (alarm != null) {
            alarm.cancel();
            alarm = null;
        }
    }

    /**
     * Runs {@code work} with the time limit of the task running on this thread stopped, and starts the limit again,
     * in full, when it returns; see {@link TimeLimits#offTheClock}. A limit that passed before the stop stands.
     */
    static <T> T offTheClock(TimeLimits.Preparation<T> work) throws InterruptedException {
        WorkItem<?> item = RUNNING_HERE.get();
        if (item == null) {
            return work.prepare();
        }
        item.stopClock();
        try {
            return work.prepare();
        } finally {
            if ((int) PHASE.getVolatile(item) == RUNNING) {
                item.startClock();
            }
        }
    }

    /**
     * The time limit passed. NOTE: safe to repeat, as the timer runs it again after an OutOfMemoryError (a done-callback
     * may throw one): a repeat passes the phase check and finds the steps already done a no-op.
     */
    private void expire(Thread worker, WorkerSlots slots, String exceeded) {
        if (!PHASE.compareAndSet(this, RUNNING, TIMED_OUT) && (int) PHASE.getVolatile(this) != TIMED_OUT) {
            return;
        }
        future.finish(null, new FutureTimeoutException(exceeded));
        worker.interrupt();
        slots.releaseSlot(worker);
        if (!leakCheckScheduled) {
            TimeLimits.schedule(slots.leakGrace(), () -> {
                if (!returnedLate) {
                    slots.taskLeaked(this, worker);
                }
            });
            leakCheckScheduled = true;
        }
    }

    /** Fails a running item whose thread will never return (it is blocked in System.exit). */
    void abandonRunning(RuntimeException reason) {
        if (PHASE.compareAndSet(this, RUNNING, ABANDONED)) {
            future.finish(null, reason);
        }
    }

    /** Fails a queued item that will never run; a cancelled one is only acknowledged. */
    void abandon(RuntimeException reason) {
        if (future.setRunningOrNotifyCancel()) {
            future.finish(null, reason);
        }
    }

    /** Cancels a queued item that will never run, and acknowledges the cancellation. */
    void cancelQueued() {
        if (future.cancel()) {
            future.setRunningOrNotifyCancel();
        }
    }

    @Override
    public String toString() {
        return "WorkItem[" + future + "]";
    }
}
