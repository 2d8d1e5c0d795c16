package io.jobrun.futures;

import java.util.Arrays;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs actions at their deadlines, from one thread that an {@link OutOfMemoryError} cannot kill.
 *
 * <p>Why not a {@code ScheduledThreadPoolExecutor}: its thread allocates while it waits (a condition node per
 * wait), so an OutOfMemoryError anywhere in the JVM can end it there, and then no deadline fires until someone
 * schedules a new one; and an action that fails with an OutOfMemoryError is dropped without a trace. Here:
 * <ul>
 * <li>the thread's loop allocates nothing on the Java heap (a monitor, {@link LockSupport#parkNanos}, a heap array
 * that only grows when something is scheduled), and its catch-all allocates nothing either, so it survives any
 * error and retries a moment later;</li>
 * <li>a due action runs on a thread of its own, never on the timer's, so no action (or done-callback it triggers)
 * can block or kill the timer; if that thread cannot even be started, the action is retried;</li>
 * <li>an action that fails with an OutOfMemoryError runs again a moment later, so it must be safe to repeat;</li>
 * <li>should the thread end all the same, the next {@link #schedule} starts a new one.</li>
 * </ul>
 */
final class DeadlineTimer {
    private static final String ACTION_THREAD = "jobrun-time-limit-action";
    /** How long the timer waits before it tries again after an error. */
    static final long RETRY_NANOS = 20_000_000;

    private final ThreadFactory threads;
    /** A binary min-heap on deadline; each entry knows its index. Guarded by this. */
    private Entry[] heap = new Entry[64];
    /** Guarded by this. */
    private int size;
    /** The thread that fires deadlines; replaced if it ever ends. Guarded by this. */
    private Thread thread;

    /** @param threads makes the timer's thread (a daemon); tests pass one that fails */
    DeadlineTimer(ThreadFactory threads) {
        this.threads = threads;
    }

    /**
     * A scheduled action; {@link #cancel()} drops it unless it has been launched. Once launched, it is retried after
     * an OutOfMemoryError even if cancelled meanwhile: the action has begun its work and only it knows how far it got.
     */
    final class Entry implements TimeLimits.Alarm, Runnable {
        private final Runnable action;
        /** System.nanoTime() at which it is due. Guarded by the timer. */
        private long deadline;
        /** Its place in the heap, or -1 when it is not there. Guarded by the timer. */
        private int index = -1;
        /** Set when it is first handed to its thread. Guarded by the timer. */
        private boolean launched;

        private Entry(Runnable action, long deadline) {
            this.action = action;
            this.deadline = deadline;
        }

        @Override
        public void cancel() {
            synchronized (DeadlineTimer.this) {
                if (!launched && index >= 0) {
                    removeAt(index);
                }
            }
        }

        /** Runs the action on its own thread; after an OutOfMemoryError, again a moment later. */
        @Override
        public void run() {
            try {
                action.run();
            } catch (OutOfMemoryError e) {
                retryLater(this);
            } catch (Throwable t) {
                FuturesLog.get().error("a time-limit action failed", t);
            }
        }
    }

    /** Runs {@code action} once {@code delayNanos} have passed (at once if zero or negative). */
    TimeLimits.Alarm schedule(long delayNanos, Runnable action) {
        Entry entry = new Entry(action, System.nanoTime() + Math.max(0, Math.min(delayNanos, Long.MAX_VALUE / 2)));
        synchronized (this) {
            offer(entry);
        }
        return entry;
    }

    /** How many actions wait for their deadline; for tests. */
    synchronized int pending() {
        return size;
    }

    /** The caller holds the monitor. */
    private void ensureThread() {
        if (thread == null || !thread.isAlive()) {
            if (thread != null) {
                FuturesLog.get().error("the time-limit timer's thread had ended; starting a new one");
            }
            thread = threads.newThread(this::fireForever);
            thread.start();
        }
    }

    private void fireForever() {
        while (true) {
            try {
                fireDue();
            } catch (Throwable survived) {
                // NOTE: nothing here may allocate: this is where an OutOfMemoryError lands, and an error thrown
                // from a catch block would end the thread that enforces every time limit in the JVM.
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }

    /** Launches what is due, then sleeps until the next deadline or until an earlier one is scheduled. */
    private void fireDue() {
        Entry due;
        long wait;
        synchronized (this) {
            due = size > 0 && heap[0].deadline - System.nanoTime() <= 0 ? removeAt(0) : null;
            if (due != null) {
                due.launched = true;
            }
            wait = size == 0 ? Long.MAX_VALUE : heap[0].deadline - System.nanoTime();
        }
        if (due == null) {
            LockSupport.parkNanos(this, wait);
            return;
        }
        try {
            // NOTE: a platform thread, not a virtual one: after an OutOfMemoryError the JDK's virtual-thread scheduler
            // can be left without carrier threads, and a virtual thread started then never runs, silently.
            // Thread.start fails loudly instead, and the action is retried.
            Thread runner = new Thread(due, ACTION_THREAD);
            runner.setDaemon(true);
            runner.start();
        } catch (Throwable couldNotStart) {
            retryLater(due); // an OutOfMemoryError, most likely: the action must not be lost
            throw couldNotStart;
        }
    }

    /** Puts a launched {@code entry} back, due a moment from now. */
    private void retryLater(Entry entry) {
        synchronized (this) {
            if (entry.index < 0) {
                entry.deadline = System.nanoTime() + RETRY_NANOS;
                offer(entry);
            }
        }
    }

    // ---------------------------------------------------------------- the heap (all under the monitor)

    /** Adds {@code entry}, and wakes the thread if it is now the earliest, or starts a thread if there is none. */
    private void offer(Entry entry) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = entry;
        entry.index = size;
        size++;
        siftUp(entry.index);
        ensureThread();
        if (entry.index == 0) {
            LockSupport.unpark(thread); // a new earliest deadline: the thread must wait less
        }
    }

    private Entry removeAt(int i) {
        Entry removed = heap[i];
        removed.index = -1;
        size--;
        Entry last = heap[size];
        heap[size] = null;
        if (i < size) {
            heap[i] = last;
            last.index = i;
            siftDown(i);
            siftUp(last.index);
        }
        return removed;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent].deadline - heap[i].deadline <= 0) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int smallest = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                if (heap[child].deadline - heap[smallest].deadline < 0) {
                    smallest = child;
                }
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        Entry first = heap[a];
        heap[a] = heap[b];
        heap[b] = first;
        heap[a].index = a;
        heap[b].index = b;
    }
}
