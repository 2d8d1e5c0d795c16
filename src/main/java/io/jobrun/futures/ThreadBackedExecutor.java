package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the pools of this JVM's own threads share: the lifecycle ({@link ExecutorState}), the slots their worker
 * threads hold, the initializer and the broken state it can cause, the accounting of leaked tasks, and shutdown,
 * JVM exit included. A subclass decides how work waits and how threads start; it tells this class through
 * {@link #drainQueued} and {@link #stopTakingWork()}.
 */
abstract class ThreadBackedExecutor implements Executor, WorkerSlots {
    static final String BROKEN_MESSAGE = "A thread initializer failed, the thread pool is not usable anymore";
    /** How often a wait at JVM exit looks for workers blocked in System.exit. */
    private static final long EXIT_CHECK_MILLIS = 50;

    /** What the pool knows of one worker thread. */
    static final class Worker {
        /** The task it runs now, or null; written by the worker itself, read at JVM exit. */
        volatile WorkItem<?> current;
    }

    /** Guards the subclass's queue, {@link #workers}, {@link #state} and {@link #brokenBy}. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the last slot is left. */
    private final Condition noWorkers = lock.newCondition();
    /** Threads that hold a worker slot. Guarded by lock. */
    final Map<Thread, Worker> workers = new LinkedHashMap<>();
    /** Guarded by lock; volatile for the lock-free reads of {@link #toString()}. */
    volatile ExecutorState state = ExecutorState.OPEN;
    /** Why the pool broke; set once with the move to BROKEN. Guarded by lock. */
    private Throwable brokenBy;
    private final AtomicInteger leaked = new AtomicInteger();
    private final String threadNamePrefix;
    private final Duration leakGrace;
    /** Null for none. */
    private final Initializer initializer;

    ThreadBackedExecutor(String threadNamePrefix, Duration leakGrace, Initializer initializer) {
        this.threadNamePrefix = threadNamePrefix;
        this.leakGrace = leakGrace;
        this.initializer = initializer;
        ExitHook.register(this);
    }

    /** How many timed-out tasks ignored their interrupt so far: a running total of threads the pool stopped counting. */
    public int leakedTasks() {
        return leaked.get();
    }

    @Override
    public Duration leakGrace() {
        return leakGrace;
    }

    @Override
    public void taskLeaked(WorkItem<?> item, Thread worker) {
        leaked.incrementAndGet();
        FuturesLog.get().warn("{} ignored its interrupt after its time limit; abandoned on thread {}", item.future,
                worker.getName());
    }

    /**
     * Throws unless the pool accepts work, in CPython's order: broken, then JVM exit, then shut down. The caller
     * holds the lock.
     */
    final void checkAccepting() {
        switch (state) {
            case BROKEN -> throw new BrokenThreadPoolException(BROKEN_MESSAGE, brokenBy);
            case SHUTDOWN -> {
                ExitHook.refuseIfExiting();
                throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            }
            case OPEN -> ExitHook.refuseIfExiting();
        }
    }

    /**
     * Runs the initializer, if any, in the calling worker thread before its first task.
     *
     * @return false when it failed: the pool is broken and the worker must leave without running anything
     */
    final boolean initializeWorker() {
        if (initializer == null) {
            return true;
        }
        try {
            initializer.initialize();
            return true;
        } catch (Throwable t) {
            FuturesLog.get().error("Exception in initializer:", t);
            breakPool(t);
            return false;
        }
    }

    /** The error for work that meets a broken pool, with the initializer's exception as its cause. */
    final BrokenThreadPoolException brokenError() {
        lock.lock();
        try {
            return new BrokenThreadPoolException(BROKEN_MESSAGE, brokenBy);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the pool broken and fails everything queued; the futures are failed after the lock is released. */
    private void breakPool(Throwable cause) {
        List<WorkItem<?>> orphans = new ArrayList<>();
        lock.lock();
        try {
            if (state != ExecutorState.BROKEN) {
                state = ExecutorState.BROKEN;
                brokenBy = cause;
            }
            drainQueued(orphans);
        } finally {
            lock.unlock();
        }
        for (WorkItem<?> item : orphans) {
            item.abandon(new BrokenThreadPoolException(BROKEN_MESSAGE, cause));
        }
    }

    /** Gives up {@code worker}'s slot; the caller holds the lock. @return whether it held one */
    final boolean leaveSlot(Thread worker) {
        boolean held = workers.remove(worker) != null;
        if (workers.isEmpty()) {
            noWorkers.signalAll();
            unregisterIfTerminated();
        }
        return held;
    }

    /** A pool that accepts no work and has no worker left has nothing for the exit hook; the caller holds the lock. */
    private void unregisterIfTerminated() {
        if (state != ExecutorState.OPEN && workers.isEmpty()) {
            ExitHook.unregister(this);
        }
    }

    /** Moves the work that has not started into {@code into}; the caller holds the lock. */
    abstract void drainQueued(List<WorkItem<?>> into);

    /** Tells the workers that no more work will come, once they have done what is queued; the caller holds the lock. */
    void stopTakingWork() {
    }

    @Override
    public final void shutdown(boolean wait, boolean cancelFutures) {
        List<WorkItem<?>> toCancel = new ArrayList<>();
        lock.lock();
        try {
            if (state == ExecutorState.OPEN) {
                state = ExecutorState.SHUTDOWN;
            }
            if (cancelFutures) {
                drainQueued(toCancel);
            }
            stopTakingWork();
            unregisterIfTerminated();
        } finally {
            lock.unlock();
        }
        // NOTE: outside the lock, so a callback of a cancelled future may call submit() without a deadlock.
        for (WorkItem<?> item : toCancel) {
            item.cancelQueued();
        }
        if (wait) {
            awaitWorkers();
        }
    }

    /**
     * Waits until no thread holds a slot. NOTE: not Thread.join: a worker whose task passed its time limit gives its
     * slot up but may never end (the task ignores its interrupt), and joining it would hang shutdown(wait=true).
     */
    private void awaitWorkers() {
        List<WorkItem<?>> inExit = new ArrayList<>();
        lock.lock();
        try {
            if (workers.containsKey(Thread.currentThread())) {
                throw new IllegalStateException(
                        "cannot join current thread: shutdown(wait=true) called from a task of the same pool");
            }
            while (!workers.isEmpty()) {
                if (!ExitHook.exiting()) {
                    noWorkers.await();
                } else if (!noWorkers.await(EXIT_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    releaseWorkersBlockedInExit(inExit);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(e);
        } finally {
            lock.unlock();
            for (WorkItem<?> item : inExit) {
                item.abandonRunning(SystemExitException.blockedInExit());
            }
        }
    }

    /**
     * At JVM exit: a worker blocked in System.exit never returns, so its slot goes to a fresh thread (queued work
     * still runs) and its task is collected into {@code into} to be failed. The caller holds the lock.
     */
    private void releaseWorkersBlockedInExit(List<WorkItem<?>> into) {
        for (Map.Entry<Thread, Worker> entry : List.copyOf(workers.entrySet())) {
            if (ExitHook.isBlockedInExit(entry.getKey())) {
                WorkItem<?> item = entry.getValue().current;
                if (item != null) {
                    into.add(item);
                }
                releaseSlot(entry.getKey());
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + threadNamePrefix + ", " + state.name().toLowerCase() + "]";
    }
}
