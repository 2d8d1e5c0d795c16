package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pools of this JVM's own threads share: the lifecycle ({@link ExecutorState}), the slots their worker
 * threads hold, the accounting of leaked tasks, and shutdown. A subclass decides how work waits and how threads
 * start; it tells this class through {@link #drainQueued} and {@link #stopTakingWork()}.
 */
abstract class ThreadBackedExecutor implements Executor, WorkerSlots {
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.futures");

    /** Guards the subclass's queue, {@link #workers} and {@link #state}. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the last slot is left. */
    private final Condition noWorkers = lock.newCondition();
    /** Threads that hold a worker slot. Guarded by lock. */
    final Set<Thread> workers = new LinkedHashSet<>();
    /** Guarded by lock; volatile for the lock-free reads of {@link #toString()}. */
    volatile ExecutorState state = ExecutorState.OPEN;
    private final AtomicInteger leaked = new AtomicInteger();
    private final String threadNamePrefix;
    private final Duration leakGrace;

    ThreadBackedExecutor(String threadNamePrefix, Duration leakGrace) {
        this.threadNamePrefix = threadNamePrefix;
        this.leakGrace = leakGrace;
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
        LOG.warn("{} ignored its interrupt after its time limit; abandoned on thread {}", item.future, worker.getName());
    }

    /** Gives up {@code worker}'s slot; the caller holds the lock. @return whether it held one */
    final boolean leaveSlot(Thread worker) {
        boolean held = workers.remove(worker);
        if (workers.isEmpty()) {
            noWorkers.signalAll();
        }
        return held;
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
                ExitHook.unregister(this);
            }
            if (cancelFutures) {
                drainQueued(toCancel);
            }
            stopTakingWork();
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
        lock.lock();
        try {
            if (workers.contains(Thread.currentThread())) {
                throw new IllegalStateException(
                        "cannot join current thread: shutdown(wait=true) called from a task of the same pool");
            }
            while (!workers.isEmpty()) {
                noWorkers.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + threadNamePrefix + ", " + state.name().toLowerCase() + "]";
    }
}
