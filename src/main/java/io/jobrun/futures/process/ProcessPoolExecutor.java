package io.jobrun.futures.process;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Executor;
import io.jobrun.futures.ExecutorState;
import io.jobrun.futures.ExitHook;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.MapIterator;
import io.jobrun.futures.MapOptions;
import io.jobrun.futures.Task;
import io.jobrun.futures.TaskFunction;
import io.jobrun.futures.TimeLimits;
import io.jobrun.futures.WaitInterruptedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks in worker JVMs; CPython's {@code ProcessPoolExecutor}, with the same {@link Executor} contract as the
 * thread pools.
 *
 * <p>Data flow (one reader thread and one stderr relay per worker; no manager thread):
 * <pre>
 *  submit / map            serialize in the caller's thread; a task that cannot be serialized fails its own future
 *      │
 *      ▼
 *  pending calls (FIFO) ──── an IDLE worker takes the next call; its futures become RUNNING only now ────┐
 *      ▲  (pool lock)                                                                                  │ TASK / CHUNK
 *      │ next call sent by the same reader thread                                                      ▼ frame
 *  reader thread "jobrun-worker-PID-reader" ◀──────── RESULTS frame ─────── worker JVM (WorkerMain): fd 4 in, fd 3 out
 *      │  completes the futures; at end of stream: waits for the exit code      │ fd 1 and 2: whatever tasks print
 *      │  and fails the call the worker held (BrokenProcessPoolException)       ▼
 *      │                                                          stderr relay ──▶ WorkerOutput ("[worker PID] ...")
 *  timer "jobrun-time-limits": at a task's deadline kills the worker's process tree and fails the task
 * </pre>
 *
 * <p>Workers start lazily, at most one per queued call, and an idle worker is used before a new one is started.
 * Unlike CPython: a future becomes RUNNING only when its call is sent to an idle worker, so until then
 * {@code cancel()} succeeds; a worker that dies fails only the futures it was running, and a replacement starts if
 * work is queued; a task's time limit kills the worker and everything it started. Only a failing initializer, or a
 * worker JVM that cannot start at all, breaks the pool.
 *
 * <p>Workers are separate processes that exit when their input closes: at shutdown, after
 * {@code maxTasksPerChild} calls, or when this JVM dies, however it dies.
 */
public class ProcessPoolExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.futures.process");
    private static final AtomicLong MAP_FUNCTIONS = new AtomicLong();
    private static final AtomicBoolean WARNED_NO_MARKS = new AtomicBoolean();

    private final Options options;
    private final WorkerCommand command;
    /** The serialized initializer, or null. */
    private final byte[] initializer;
    private final WorkerProcess.Events events = new WorkerEvents();
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a worker ends. */
    private final Condition workerEnded = lock.newCondition();
    /** Calls waiting for an idle worker, oldest first. Guarded by lock. */
    private final ArrayDeque<ProcessCall> pending = new ArrayDeque<>();
    /** Every worker not yet DEAD, in start order. Guarded by lock. */
    private final List<WorkerProcess> workers = new ArrayList<>();
    /** Guarded by lock; volatile for {@link #toString()}. */
    private volatile ExecutorState state = ExecutorState.OPEN;
    /** Why the pool broke; set once with the move to BROKEN. Guarded by lock. */
    private String brokenMessage;
    private Throwable brokenBy;

    /**
     * How a process pool is set up: {@code ProcessPoolExecutor.options().maxWorkers(4).maxHeap("512m")}.
     *
     * @param maxWorkers       at most this many worker JVMs at once
     * @param initializer      runs once in each worker before its first task, or null; if it throws, the pool breaks
     * @param maxTasksPerChild a worker is replaced after this many calls (a map chunk is one call), or null for never
     * @param maxHeap          the workers' {@code -Xmx}, such as "512m", or null for the JVM's default
     * @param systemProperties set in each worker with {@code -D}
     * @param jvmOptions       more options for the worker JVMs, after the pool's own
     * @param fastStart        C1 only ({@code -XX:TieredStopAtLevel=1}): a worker starts a little faster, but
     *                         long CPU-bound tasks run markedly slower
     * @param startupCache     use a JDK 25 AOT cache for the workers, built in the background on first use
     * @param output           receives the lines workers print
     */
    public record Options(int maxWorkers, Initializer initializer, Integer maxTasksPerChild, String maxHeap,
                          Map<String, String> systemProperties, List<String> jvmOptions, boolean fastStart,
                          boolean startupCache, WorkerOutput output) {
        public Options {
            if (maxWorkers <= 0) {
                throw new IllegalArgumentException("maxWorkers must be greater than 0, got " + maxWorkers);
            }
            if (maxTasksPerChild != null && maxTasksPerChild < 1) {
                throw new IllegalArgumentException("maxTasksPerChild must be null or >= 1, got " + maxTasksPerChild);
            }
            systemProperties = Map.copyOf(systemProperties);
            jvmOptions = List.copyOf(jvmOptions);
            Objects.requireNonNull(output, "output");
        }

        public Options maxWorkers(int value) {
            return new Options(value, initializer, maxTasksPerChild, maxHeap, systemProperties, jvmOptions, fastStart,
                    startupCache, output);
        }

        public Options initializer(Initializer value) {
            return new Options(maxWorkers, value, maxTasksPerChild, maxHeap, systemProperties, jvmOptions, fastStart,
                    startupCache, output);
        }

        public Options maxTasksPerChild(Integer value) {
            return new Options(maxWorkers, initializer, value, maxHeap, systemProperties, jvmOptions, fastStart,
                    startupCache, output);
        }

        public Options maxHeap(String value) {
            return new Options(maxWorkers, initializer, maxTasksPerChild, value, systemProperties, jvmOptions,
                    fastStart, startupCache, output);
        }

        public Options systemProperties(Map<String, String> value) {
            return new Options(maxWorkers, initializer, maxTasksPerChild, maxHeap, value, jvmOptions, fastStart,
                    startupCache, output);
        }

        public Options jvmOptions(List<String> value) {
            return new Options(maxWorkers, initializer, maxTasksPerChild, maxHeap, systemProperties, value, fastStart,
                    startupCache, output);
        }

        public Options fastStart(boolean value) {
            return new Options(maxWorkers, initializer, maxTasksPerChild, maxHeap, systemProperties, jvmOptions, value,
                    startupCache, output);
        }

        public Options startupCache(boolean value) {
            return new Options(maxWorkers, initializer, maxTasksPerChild, maxHeap, systemProperties, jvmOptions,
                    fastStart, value, output);
        }

        public Options output(WorkerOutput value) {
            return new Options(maxWorkers, initializer, maxTasksPerChild, maxHeap, systemProperties, jvmOptions,
                    fastStart, startupCache, value);
        }
    }

    /** The defaults: one worker per available processor, full JIT, AOT cache on, output logged. */
    public static Options options() {
        return new Options(Runtime.getRuntime().availableProcessors(), null, null, null, Map.of(), List.of(), false,
                true, WorkerOutput.log());
    }

    /** A pool of one worker per available processor. */
    public ProcessPoolExecutor() {
        this(options());
    }

    /** A pool of at most {@code maxWorkers} worker JVMs. */
    public ProcessPoolExecutor(int maxWorkers) {
        this(options().maxWorkers(maxWorkers));
    }

    /** @throws TaskSerializationException when the initializer cannot be serialized */
    public ProcessPoolExecutor(Options options) {
        if (!ProcessMark.supported() && !WARNED_NO_MARKS.getAndSet(true)) {
            LOG.warn("this system has no /proc: a process a task starts that leaves the worker's process group "
                    + "(setsid) cannot be found, and may outlive its time limit");
        }
        this.options = options;
        this.command = new WorkerCommand(options);
        this.initializer = options.initializer() == null ? null
                : FilteredSerialization.serialize(options.initializer(), "the initializer");
        ExitHook.register(this);
    }

    /**
     * Builds the worker JVMs' AOT cache for {@code options} now, waiting for it, instead of in the background on
     * first use; for installers and benchmarks.
     *
     * @return whether workers will start with a cache (false on a JDK older than 25, or when building failed)
     */
    public static boolean prepareStartupCache(Options options) {
        return new WorkerCommand(options).prepareStartupCache();
    }

    public int maxWorkers() {
        return options.maxWorkers();
    }

    /** The pids of the worker processes that hold a slot now (starting, idle or busy). */
    public List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (WorkerProcess worker : workers) {
                if (worker.state.holdsSlot() && worker.pid() > 0) {
                    pids.add(worker.pid());
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> Future<T> submit(Task<T> task, Duration timeLimit) {
        Objects.requireNonNull(task, "task");
        checkAccepting();
        Future<Object> future = new Future<>();
        try {
            enqueue(ProcessCall.task(future, task, timeLimit));
        } catch (TaskSerializationException unsendable) {
            future.finish(null, unsendable);
        }
        return cast(future);
    }

    /** Sends the items in chunks of {@code options.chunksize()}; each item still has its own result. */
    @Override
    public <A, R> MapIterator<R> map(TaskFunction<? super A, ? extends R> fn, Iterable<? extends A> items,
                                     MapOptions options) {
        Objects.requireNonNull(fn, "fn");
        ProcessCall.MapFunction function = new ProcessCall.MapFunction(MAP_FUNCTIONS.incrementAndGet(),
                FilteredSerialization.serialize(fn, "the map function"));
        return new MapIterator<>(items.iterator(), options.chunksize(), options, batch -> {
            List<Future<Object>> futures = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                futures.add(new Future<>());
            }
            enqueue(ProcessCall.chunk(function, batch, futures));
            return cast(futures);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    /** Throws unless the pool accepts work, in CPython's order: broken, then JVM exit, then shut down. */
    private void checkAccepting() {
        switch (state) {
            case OPEN -> ExitHook.refuseIfExiting();
            case SHUTDOWN -> {
                ExitHook.refuseIfExiting();
                throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            }
            case BROKEN -> {
                lock.lock();
                try {
                    throw new BrokenProcessPoolException(brokenMessage, brokenBy);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void enqueue(ProcessCall call) {
        Dispatch dispatch;
        lock.lock();
        try {
            checkAccepting();
            pending.add(call);
            dispatch = schedule();
        } finally {
            lock.unlock();
        }
        dispatch.run();
    }

    @Override
    public void shutdown(boolean wait, boolean cancelFutures) {
        List<ProcessCall> cancelled = new ArrayList<>();
        Dispatch dispatch;
        lock.lock();
        try {
            if (state == ExecutorState.OPEN) {
                state = ExecutorState.SHUTDOWN;
            }
            if (cancelFutures) {
                cancelled.addAll(pending);
                pending.clear();
            }
            dispatch = schedule();
            unregisterIfTerminated();
        } finally {
            lock.unlock();
        }
        // NOTE: outside the lock, so a callback of a cancelled future may call submit() without a deadlock.
        for (ProcessCall call : cancelled) {
            call.cancelQueued();
        }
        dispatch.run();
        if (wait) {
            awaitWorkers();
        }
    }

    /**
     * Asks every worker to stop, as CPython 3.14's {@code terminate_workers()}: the pool is shut down, queued calls
     * are cancelled, and each worker JVM gets SIGTERM, so its shutdown hooks run before it exits; the futures of the
     * calls being run then fail with {@link BrokenProcessPoolException} ("died with signal 15 (SIGTERM)"), and what
     * the worker started is killed as for any worker that ends. Does not wait. On Windows this is a forcible kill.
     */
    public void terminateWorkers() {
        stopWorkers(WorkerProcess::terminate);
    }

    /**
     * Kills every worker with the processes it started, as CPython 3.14's {@code kill_workers()}: the pool is shut
     * down, queued calls are cancelled, and the futures of calls being run fail with
     * {@link BrokenProcessPoolException}. For stopping a run at once (Ctrl-C) when waiting for tasks is no option.
     */
    public void killWorkers() {
        stopWorkers(worker -> {
            List<ProcessHandle> escaped = worker.killTree();
            if (!escaped.isEmpty()) {
                LOG.warn("{} killed, but {}", worker, ProcessMark.describeSurvivors(escaped));
            }
        });
    }

    private void stopWorkers(Consumer<WorkerProcess> stop) {
        shutdown(false, true);
        List<WorkerProcess> running;
        lock.lock();
        try {
            running = new ArrayList<>(workers); // after shutdown no call is dispatched, so no worker is added
        } finally {
            lock.unlock();
        }
        for (WorkerProcess worker : running) {
            stop.accept(worker);
        }
    }

    /**
     * Stops the task of {@code future} where it runs: kills its worker with the processes the worker started, as its
     * time limit would, and fails the futures the worker ran with {@link CancelledException}; the pool stays open
     * and replaces the worker when work is queued. A future still queued is cancelled instead.
     *
     * @return false when {@code future} is neither queued nor running here (done already, or another pool's)
     */
    public boolean kill(Future<?> future) {
        if (future.cancel()) {
            return true;
        }
        WorkerProcess holder = null;
        ProcessCall call = null;
        lock.lock();
        try {
            for (WorkerProcess worker : workers) {
                if (worker.state == WorkerState.BUSY && worker.current != null && worker.current.holds(future)) {
                    holder = worker;
                    call = worker.current;
                    break;
                }
            }
        } finally {
            lock.unlock();
        }
        if (holder == null || killRunning(holder, call) == null) {
            return false;
        }
        call.fail(() -> new CancelledException("stopped"));
        return true;
    }

    private void awaitWorkers() {
        lock.lock();
        try {
            for (WorkerProcess worker : workers) {
                if (worker.isReaderThread(Thread.currentThread())) {
                    throw new IllegalStateException("cannot join current thread: shutdown(wait=true) called from "
                            + "a done-callback of this pool, which runs on the thread that reads " + worker);
                }
            }
            while (!workers.isEmpty()) {
                workerEnded.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WaitInterruptedException(e);
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- scheduling (all under lock)

    /**
     * A pool that accepts no work and has neither a worker nor a queued call has nothing left for the exit hook,
     * which otherwise waits for it at JVM exit, even after {@code shutdown(wait=false)}.
     */
    private void unregisterIfTerminated() {
        if (state != ExecutorState.OPEN && workers.isEmpty() && pending.isEmpty()) {
            ExitHook.unregister(this);
        }
    }

    /**
     * Proceeds in 3 steps: give queued calls to idle workers; start workers for what is still queued, up to
     * maxWorkers; once no more work can come, retire the idle ones. Process work is only planned here, and done
     * by {@link Dispatch#run} after the lock is released.
     */
    private Dispatch schedule() {
        Dispatch dispatch = new Dispatch();
        for (WorkerProcess worker : workers) {
            if (pending.isEmpty()) {
                break;
            }
            if (worker.state == WorkerState.IDLE) {
                ProcessCall call = nextLiveCall();
                if (call != null) {
                    assign(worker, call, dispatch);
                }
            }
        }
        if (!pending.isEmpty() && state != ExecutorState.BROKEN) {
            int starting = 0;
            int slots = 0;
            for (WorkerProcess worker : workers) {
                starting += worker.state == WorkerState.STARTING ? 1 : 0;
                slots += worker.state.holdsSlot() ? 1 : 0;
            }
            for (int needed = pending.size() - starting; needed > 0 && slots < options.maxWorkers(); needed--) {
                WorkerProcess worker = new WorkerProcess(events, command, initializer, options.output());
                workers.add(worker);
                dispatch.toStart.add(worker);
                slots++;
            }
        }
        if (state != ExecutorState.OPEN && pending.isEmpty()) {
            for (WorkerProcess worker : workers) {
                if (worker.state == WorkerState.IDLE) {
                    worker.state = WorkerState.RETIRING;
                    dispatch.toRetire.add(worker);
                }
            }
        }
        return dispatch;
    }

    /** The oldest queued call with anything left to run, its futures now RUNNING; null when there is none. */
    private ProcessCall nextLiveCall() {
        ProcessCall call;
        while ((call = pending.poll()) != null) {
            if (call.markRunning()) {
                return call;
            }
        }
        return null;
    }

    private void assign(WorkerProcess worker, ProcessCall call, Dispatch dispatch) {
        worker.state = WorkerState.BUSY;
        worker.current = call;
        if (call.timeLimit != null) {
            worker.alarm = TimeLimits.schedule(call.timeLimit, () -> timeLimitPassed(worker, call));
        }
        dispatch.toSend.add(worker);
        dispatch.calls.add(call);
    }

    private static void settle(WorkerProcess worker) {
        worker.current = null;
        if (worker.alarm != null) {
            worker.alarm.cancel();
            worker.alarm = null;
        }
    }

    /** What {@link #schedule} decided, to be done outside the lock: sends, starts and retirements. */
    private static final class Dispatch {
        final List<WorkerProcess> toSend = new ArrayList<>(2);
        final List<ProcessCall> calls = new ArrayList<>(2);
        final List<WorkerProcess> toStart = new ArrayList<>(0);
        final List<WorkerProcess> toRetire = new ArrayList<>(0);

        void run() {
            for (int i = 0; i < toSend.size(); i++) {
                toSend.get(i).send(calls.get(i));
            }
            for (WorkerProcess worker : toStart) {
                worker.start();
            }
            for (WorkerProcess worker : toRetire) {
                worker.retire();
            }
        }
    }

    // ---------------------------------------------------------------- what workers report

    /**
     * Kills the worker of a call whose time limit passed. NOTE: safe to repeat, as the timer runs it again after an
     * OutOfMemoryError: a repeat finds the call marked and does each step again, every one of them idempotent.
     */
    private void timeLimitPassed(WorkerProcess worker, ProcessCall call) {
        List<ProcessHandle> escaped = killRunning(worker, call);
        if (escaped == null) {
            return; // it answered first
        }
        LOG.debug("{} killed with the processes it started: its task exceeded its time limit", worker);
        String message = "task exceeded its time limit of " + TimeLimits.describe(call.timeLimit)
                + (escaped.isEmpty() ? "" : "; " + ProcessMark.describeSurvivors(escaped))
                + Subreaper.escapeWarning(Subreaper.missingInAWorker());
        call.fail(() -> new FutureTimeoutException(message));
    }

    /**
     * Kills {@code worker}, which runs {@code call}, with the processes it started (its time limit passed, or it was
     * stopped), and returns those that escaped the kill; null when the worker answered first. The caller fails the
     * call's futures after this, so that whoever sees them fail sees the processes gone.
     */
    private List<ProcessHandle> killRunning(WorkerProcess worker, ProcessCall call) {
        Dispatch dispatch;
        lock.lock();
        try {
            if (worker.current == call && worker.state == WorkerState.BUSY) {
                settle(worker);
                worker.state = WorkerState.RETIRING;
                worker.timedOut = call;
            } else if (worker.timedOut != call) {
                return null;
            }
            dispatch = schedule();
        } finally {
            lock.unlock();
        }
        List<ProcessHandle> escaped = worker.killTree();
        dispatch.run(); // NOTE: before the futures' callbacks, which may throw (even an OutOfMemoryError)
        return escaped;
    }

    private final class WorkerEvents implements WorkerProcess.Events {
        @Override
        public void ready(WorkerProcess worker) {
            Dispatch dispatch;
            lock.lock();
            try {
                if (worker.state == WorkerState.STARTING) {
                    worker.state = WorkerState.IDLE;
                }
                dispatch = schedule();
            } finally {
                lock.unlock();
            }
            dispatch.run();
        }

        @Override
        public void returned(WorkerProcess worker, long callId, Object[] values, Throwable[] errors) {
            ProcessCall call;
            Dispatch dispatch;
            lock.lock();
            try {
                call = worker.current;
                if (worker.state != WorkerState.BUSY || call == null || call.id != callId) {
                    return; // the answer of a call that timed out while it was on its way
                }
                settle(worker);
                worker.callsDone++;
                Integer limit = options.maxTasksPerChild();
                if (limit != null && worker.callsDone >= limit) {
                    worker.state = WorkerState.RETIRING;
                } else {
                    worker.state = WorkerState.IDLE;
                }
                dispatch = schedule();
                if (worker.state == WorkerState.RETIRING) {
                    dispatch.toRetire.add(worker);
                }
            } finally {
                lock.unlock();
            }
            dispatch.run(); // first, so the worker has its next call while the callbacks below run
            if (values.length != call.sentCount()) {
                call.fail(() -> new BrokenProcessPoolException(worker + " answered " + values.length
                        + " results for " + call.sentCount() + " items"));
                return;
            }
            call.complete(values, errors);
        }

        @Override
        public void progress(WorkerProcess worker, long callId, Object value) {
            TaskProgress.Listener listener;
            lock.lock();
            try {
                ProcessCall call = worker.current;
                if (worker.state != WorkerState.BUSY || call == null || call.id != callId) {
                    return; // NOTE: the call timed out or was stopped meanwhile; its future is settled
                }
                listener = call.listener;
            } finally {
                lock.unlock();
            }
            if (listener != null) {
                try {
                    listener.progress(value);
                } catch (RuntimeException failed) {
                    LOG.warn("a task's progress listener failed; the task runs on", failed);
                }
            }
        }

        @Override
        public void initializerFailed(WorkerProcess worker, Throwable error) {
            LOG.error("Exception in initializer of {}:", worker, error);
            breakPool("the initializer failed in " + worker + " (" + error + "); the process pool is not usable "
                    + "any more", error);
        }

        @Override
        public void exited(WorkerProcess worker, String how) {
            ProcessCall call;
            WorkerState was;
            Dispatch dispatch;
            lock.lock();
            try {
                was = worker.state;
                call = worker.current;
                settle(worker);
                worker.state = WorkerState.DEAD;
                workers.remove(worker);
                workerEnded.signalAll();
                dispatch = schedule();
                unregisterIfTerminated();
            } finally {
                lock.unlock();
            }
            if (call != null) {
                call.fail(() -> new BrokenProcessPoolException(worker + " " + how + " while running this task"));
            }
            if (was == WorkerState.STARTING) {
                String tail = worker.stderrTail();
                breakPool("a worker JVM could not start: it " + how + (tail.isEmpty() ? "" : "; its last output:\n"
                        + tail), null);
            }
            dispatch.run();
        }
    }

    /**
     * Marks the pool broken and fails everything queued, each future with its own exception. Calls being run
     * finish; their workers then retire.
     */
    private void breakPool(String message, Throwable cause) {
        List<ProcessCall> orphans;
        Dispatch dispatch;
        lock.lock();
        try {
            if (state == ExecutorState.BROKEN) {
                return;
            }
            state = ExecutorState.BROKEN;
            brokenMessage = message;
            brokenBy = cause;
            orphans = new ArrayList<>(pending);
            pending.clear();
            dispatch = schedule();
            unregisterIfTerminated();
        } finally {
            lock.unlock();
        }
        for (ProcessCall call : orphans) {
            call.abandon(() -> new BrokenProcessPoolException(message, cause));
        }
        dispatch.run();
    }

    @Override
    public String toString() {
        return "ProcessPoolExecutor[maxWorkers=" + options.maxWorkers() + ", " + state.name().toLowerCase() + "]";
    }
}
