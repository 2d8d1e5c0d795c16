package io.jobrun.futures;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each task on a virtual thread, at most {@code maxWorkers} at once; for I/O-bound fan-out of tens of
 * thousands of tasks. The same contract as {@link ThreadPoolExecutor}, time limits and initializer included.
 *
 * <p>A virtual thread costs so little that none is kept idle: a worker takes queued tasks while there are any and
 * then ends. Work beyond {@code maxWorkers} waits in FIFO order. So, unlike a platform pool's, thread names keep
 * counting: {@code prefix_n} numbers every worker started so far, and {@code n} grows past {@code maxWorkers} (with
 * 5 workers, {@code prefix_5} is the sixth thread, started once one of the first five ended). For the same reason
 * the initializer runs once per worker thread, that is again each time a new one starts.
 */
public class VirtualThreadExecutor extends ThreadBackedExecutor {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final Options options;
    /** Work waiting for a free slot. Guarded by lock. */
    private final ArrayDeque<WorkItem<?>> queue = new ArrayDeque<>();
    /** Guarded by lock. */
    private long threadsStarted;

    /**
     * How a virtual-thread executor is set up.
     *
     * @param maxWorkers       at most this many tasks run at once
     * @param threadNamePrefix threads are named {@code prefix_n}, n counting every thread started so far
     * @param initializer      runs in each new worker thread before its first task, or null; if it throws, the
     *                         pool is broken
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

    /** The defaults: 10,000 tasks at once, prefix {@code VirtualThreadExecutor-N}, no initializer. */
    public static Options options() {
        return new Options(10_000, "VirtualThreadExecutor-" + POOLS.getAndIncrement(), null, Duration.ofSeconds(1));
    }

    /** At most 10,000 tasks at once. */
    public VirtualThreadExecutor() {
        this(options());
    }

    /** At most {@code maxWorkers} tasks at once. */
    public VirtualThreadExecutor(int maxWorkers) {
        this(options().maxWorkers(maxWorkers));
    }

    public VirtualThreadExecutor(Options options) {
        super(options.threadNamePrefix(), options.leakGrace(), options.initializer());
        this.options = options;
    }

    public int maxWorkers() {
        return options.maxWorkers();
    }

    @Override
    public <T> Future<T> submit(Task<T> task, Duration timeLimit) {
        Objects.requireNonNull(task, "task");
        Future<T> future = new Future<>();
        WorkItem<T> item = new WorkItem<>(future, task, timeLimit);
        lock.lock();
        try {
            checkAccepting();
            if (workers.size() < options.maxWorkers()) {
                startWorker(item);
            } else {
                queue.add(item);
            }
        } finally {
            lock.unlock();
        }
        return future;
    }

    /** The caller holds the lock. */
    private void startWorker(WorkItem<?> first) {
        Worker worker = new Worker();
        Thread thread = Thread.ofVirtual()
                .name(options.threadNamePrefix() + "_" + threadsStarted++)
                .unstarted(() -> work(worker, first));
        workers.put(thread, worker);
        thread.start();
    }

    private void work(Worker worker, WorkItem<?> first) {
        if (!initializeWorker()) {
            first.abandon(brokenError()); // it was never queued, so breaking the pool did not fail it
            leave();
            return;
        }
        WorkItem<?> item = first;
        while (true) {
            worker.current = item;
            if (!item.run(this)) {
                return; // its time limit passed and its slot is gone
            }
            worker.current = null;
            Thread.interrupted(); // a task's interrupt must not reach the next task
            lock.lock();
            try {
                item = queue.poll();
                if (item == null) {
                    leaveSlot(Thread.currentThread());
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private void leave() {
        lock.lock();
        try {
            leaveSlot(Thread.currentThread());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void releaseSlot(Thread worker) {
        lock.lock();
        try {
            if (leaveSlot(worker) && !queue.isEmpty()) {
                startWorker(queue.poll());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    void drainQueued(List<WorkItem<?>> into) {
        into.addAll(queue);
        queue.clear();
    }
}
