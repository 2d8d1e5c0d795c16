package io.jobrun.futures;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a pool of platform threads; CPython's {@code ThreadPoolExecutor}.
 *
 * <p>Work waits in one unbounded FIFO queue, so {@code submit} never blocks. Threads are started lazily, at most one
 * per submit and at most {@code maxWorkers}, and an idle thread is used before a new one is started. Workers are
 * daemon threads; work still queued when the JVM exits is finished first (see {@link ExitHook}).
 *
 * <p>Beyond CPython: a task submitted with a time limit is interrupted when the limit passes, its future fails with
 * {@link FutureTimeoutException}, and its thread's place goes to a fresh thread at once. If the task ignores the
 * interrupt, it is abandoned on its thread and counted in {@link #leakedTasks()}.
 */
public class ThreadPoolExecutor extends ThreadBackedExecutor {
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Put on the queue by shutdown, behind all work; each worker that takes it puts it back and exits. */
    private static final WorkItem<?> STOP = new WorkItem<>(new Future<>(), () -> null, null);

    private final Options options;
    private final LinkedBlockingQueue<WorkItem<?>> queue = new LinkedBlockingQueue<>();
    /** One permit per worker that found the queue empty and is waiting for work. */
    private final Semaphore idleWorkers = new Semaphore(0);
    /** Threads started so far, for names. Guarded by lock. */
    private int threadsStarted;
    /** Whether STOP is on the queue. Guarded by lock. */
    private boolean stopQueued;

    /**
     * How a pool is set up: {@code ThreadPoolExecutor.options().maxWorkers(8).threadNamePrefix("io")}.
     *
     * @param maxWorkers       at most this many threads
     * @param threadNamePrefix threads are named {@code prefix_n}
     * @param initializer      runs once in each thread before its first task, or null
     * @param leakGrace        how long a timed-out task may take to react to its interrupt before it counts as leaked
     */
    public record Options(int maxWorkers, String threadNamePrefix, Initializer initializer, Duration leakGrace) {
        public Options {
            if (maxWorkers <= 0) {
                throw new IllegalArgumentException("maxWorkers must be greater than 0, got " + maxWorkers);
            }
            Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
            Objects.requireNonNull(leakGrace, "leakGrace");
        }

        public Options maxWorkers(int value) {
            return new Options(value, threadNamePrefix, initializer, leakGrace);
        }

        public Options threadNamePrefix(String value) {
            return new Options(maxWorkers, value, initializer, leakGrace);
        }

        public Options initializer(Initializer value) {
            return new Options(maxWorkers, threadNamePrefix, value, leakGrace);
        }

        public Options leakGrace(Duration value) {
            return new Options(maxWorkers, threadNamePrefix, initializer, value);
        }
    }

    /** The defaults: min(32, processors + 4) workers, prefix {@code ThreadPoolExecutor-N}, no initializer. */
    public static Options options() {
        int workers = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        return new Options(workers, "ThreadPoolExecutor-" + POOLS.getAndIncrement(), null, Duration.ofSeconds(1));
    }

    /** A pool of min(32, processors + 4) threads. */
    public ThreadPoolExecutor() {
        this(options());
    }

    /** A pool of at most {@code maxWorkers} threads. */
    public ThreadPoolExecutor(int maxWorkers) {
        this(options().maxWorkers(maxWorkers));
    }

    public ThreadPoolExecutor(Options options) {
        super(options.threadNamePrefix(), options.leakGrace(), options.initializer());
        this.options = options;
    }

    public int maxWorkers() {
        return options.maxWorkers();
    }

    /** Threads that currently hold a worker slot. */
    public int workerCount() {
        lock.lock();
        try {
            return workers.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> Future<T> submit(Task<T> task, Duration timeLimit) {
        Objects.requireNonNull(task, "task");
        Future<T> future = new Future<>();
        WorkItem<T> item = new WorkItem<>(future, task, timeLimit);
        lock.lock();
        try {
            checkAccepting();
            queue.add(item);
            adjustThreadCount();
        } finally {
            lock.unlock();
        }
        return future;
    }

    /** Starts a thread unless an idle one will take the work; the caller holds the lock. */
    private void adjustThreadCount() {
        if (idleWorkers.tryAcquire()) {
            return;
        }
        if (workers.size() < options.maxWorkers()) {
            String name = options.threadNamePrefix() + "_" + threadsStarted++;
            Worker worker = new Worker();
            Thread thread = new Thread(() -> work(worker), name);
            thread.setDaemon(true);
            workers.put(thread, worker);
            thread.start();
        }
    }

    private void work(Worker worker) {
        try {
            if (!initializeWorker()) {
                return;
            }
            while (true) {
                if (queue.isEmpty()) {
                    idleWorkers.release();
                }
                WorkItem<?> item = takeUninterruptibly();
                if (item == STOP) {
                    queue.add(STOP);
                    return;
                }
                worker.current = item;
                if (!item.run(this)) {
                    return;
                }
                worker.current = null;
                Thread.interrupted(); // a task's interrupt must not reach the next task
            }
        } finally {
            workerExited(Thread.currentThread());
        }
    }

    private WorkItem<?> takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException strayInterrupt) {
                // Only shutdown stops a worker, by STOP; an interrupt here has no task to stop.
            }
        }
    }

    /** Moves queued work (not STOP) into {@code into}; the caller holds the lock. */
    @Override
    void drainQueued(List<WorkItem<?>> into) {
        boolean stopWasQueued = false;
        WorkItem<?> item;
        while ((item = queue.poll()) != null) {
            if (item == STOP) {
                stopWasQueued = true;
            } else {
                into.add(item);
            }
        }
        if (stopWasQueued) {
            queue.add(STOP);
        }
    }

    private void workerExited(Thread thread) {
        lock.lock();
        try {
            leaveSlot(thread);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void releaseSlot(Thread worker) {
        lock.lock();
        try {
            leaveSlot(worker);
            // NOTE: not only when the slot was still held: the interrupted worker may have exited and left its slot
            // first, and queued work would then wait for a thread nobody starts.
            if (!queue.isEmpty()) {
                adjustThreadCount();
            }
        } finally {
            lock.unlock();
        }
    }

    /** STOP goes on the queue behind all work; each worker that takes it puts it back and exits. */
    @Override
    void stopTakingWork() {
        if (!stopQueued) {
            queue.add(STOP);
            stopQueued = true;
        }
    }
}
