package io.jobrun.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.futures.WaitInterruptedException;
import io.jobrun.futures.process.FilteredSerialization;
import io.jobrun.futures.process.ProcessPoolExecutor;
import io.jobrun.futures.process.RemoteOutcomes;
import io.jobrun.futures.process.TaskSerializationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jobrun's side of a member: checks each submission, loads the run's code once, and runs its tasks one after another
 * (a submission holds one slot) on this member's own pool of {@code slots} threads, where a time limit interrupts the
 * thread (a shell task's process tree is killed) exactly as on the runner's own pools; or, when the tasks ask for
 * {@link MemberPool#PROCESSES}, in one of {@code slots} worker JVMs started here with the run's code loaded, where a
 * time limit or a stop kills the worker.
 *
 * <p>A submission is refused, without its payloads ever being read, when its HMAC does not check with this member's
 * secret, when it is older than {@link ReplayGuard#MAX_AGE}, or when this member already ran it.
 */
final class MemberRuntime {
    static final String USER_CONTEXT_KEY = "jobrun.member";
    static final String CODE_MAP = "jobrun-code";
    private static final Logger LOG = LoggerFactory.getLogger("io.jobrun.cluster");
    /** How long a cancelled task gets to stop (its shell tree killed) before the answer goes back. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How many runs' worker JVMs a member keeps: a run's and the one before (two runners may share a cluster). */
    private static final int KEPT_RUNS = 2;

    private final ClusterSecret secret;
    private final ThreadPoolExecutor pool;
    private final ReplayGuard replays = new ReplayGuard();
    private final int slots;
    /** The runs' code this member has loaded or is loading, by key: what worker JVMs run first. */
    private final ConcurrentHashMap<String, CompletableFuture<Initializer>> code = new ConcurrentHashMap<>();
    /** Worker JVMs by the key of the run's code they loaded, the most recently used last. Guarded by itself. */
    private final LinkedHashMap<String, ProcessPoolExecutor> processes = new LinkedHashMap<>(4, 0.75f, true);
    /** Set by {@link #close()}: no worker JVM starts after it. Guarded by {@link #processes}. */
    private boolean closed;
    /** The threads of this member's pool that run a task now: what {@link #close()} interrupts. */
    private final Set<Thread> runningThreads = ConcurrentHashMap.newKeySet();
    /** Set by {@link #close()}: a task that starts after it is interrupted at once. */
    private volatile boolean closing;

    MemberRuntime(ClusterSecret secret, int slots) {
        this.secret = secret;
        this.slots = slots;
        this.pool = new ThreadPoolExecutor(ThreadPoolExecutor.options().maxWorkers(slots)
                .threadNamePrefix("jobrun-member"));
    }

    static MemberRuntime of(HazelcastInstance instance) {
        return instance == null ? null : (MemberRuntime) instance.getUserContext().get(USER_CONTEXT_KEY);
    }

    /**
     * Runs the submission's tasks one after another, each with its own time limit, and answers with their outcomes in
     * order. When the runner cancels the submission (Ctrl-C, the job stopped), the task running is stopped and the
     * ones after it are not started.
     *
     * @param member the member it reached, whose code map holds the run's code. NOTE: passed in, not kept from the
     *               member's start: Hazelcast hands a joining member submissions before its start returns
     */
    Answer run(Submission submission, HazelcastInstance member) {
        Optional<String> refusal = admit(submission);
        if (refusal.isPresent()) {
            LOG.warn("refused a submission: {}", refusal.get());
            return Answer.refused(submission, refusal.get());
        }
        int size = submission.size();
        byte[] kinds = new byte[size];
        byte[][] bodies = new byte[size][];
        Initializer setup = null;
        Throwable codeFailure = null;
        try {
            setup = loadCode(submission.codeKey, member);
        } catch (Throwable unloadable) {
            codeFailure = unloadable;
        }
        boolean stopped = false;
        for (int i = 0; i < size; i++) {
            Outcome outcome;
            if (codeFailure != null) {
                outcome = Outcome.failed(codeFailure);
            } else if (stopped || Thread.currentThread().isInterrupted()) {
                outcome = Outcome.stoppedByTheRunner();
            } else {
                outcome = runOne(submission, i, setup);
            }
            stopped |= outcome.stopped();
            kinds[i] = (byte) outcome.kind().ordinal();
            bodies[i] = outcome.body();
        }
        if (closing) {
            // NOTE: what close() interrupted did not fail: the runner sees its member leave and resubmits it
            throw new HazelcastInstanceNotActiveException("member is shutting down");
        }
        return Answer.signed(secret, submission, kinds, bodies);
    }

    /** What became of one task of a submission: its answer's kind and body, and whether the runner stopped it. */
    private record Outcome(Answer.Kind kind, byte[] body, boolean stopped) {
        static Outcome of(Object value) {
            try {
                return new Outcome(Answer.Kind.VALUE, RemoteOutcomes.value(value, "the result of the task"), false);
            } catch (TaskSerializationException notSendable) {
                return failed(notSendable);
            }
        }

        static Outcome failed(Throwable error) {
            return new Outcome(Answer.Kind.ERROR, RemoteOutcomes.error(error), false);
        }

        static Outcome ofDone(Future<?> future) {
            Throwable error = future.exception();
            return error == null ? of(future.resultNow()) : failed(error);
        }

        static Outcome stoppedByTheRunner() {
            return new Outcome(Answer.Kind.ERROR, RemoteOutcomes.error(new CancelledException("stopped by the runner")),
                    true);
        }
    }

    private Outcome runOne(Submission submission, int index, Initializer setup) {
        Task<?> task;
        try {
            task = (Task<?>) FilteredSerialization.deserialize(submission.payloads[index], null);
        } catch (Throwable unreadable) {
            return Outcome.failed(unreadable);
        }
        long nanos = submission.timeLimitsNanos[index];
        Duration limit = nanos < 0 ? null : Duration.ofNanos(nanos);
        return submission.pool() == MemberPool.PROCESSES ? runInProcess(submission.codeKey, task, setup, limit)
                : runOnThreads(task, limit);
    }

    private Outcome runOnThreads(Task<?> task, Duration limit) {
        AtomicReference<Thread> runner = new AtomicReference<>();
        Future<Object> future;
        try {
            future = pool.submit(() -> {
                Thread thread = Thread.currentThread();
                runner.set(thread);
                runningThreads.add(thread);
                if (closing) {
                    thread.interrupt(); // NOTE: close() may have looked at the threads before this one was added
                }
                try {
                    return task.call();
                } finally {
                    runningThreads.remove(thread);
                    runner.set(null);
                }
            }, limit);
        } catch (RuntimeException shutDown) {
            return Outcome.failed(shutDown); // NOTE: this member shuts down; its runners resubmit what ran here
        }
        try {
            future.awaitDone(null);
        } catch (WaitInterruptedException cancelled) {
            return stop(future, runner);
        }
        return Outcome.ofDone(future);
    }

    /** Runs {@code task} in a worker JVM of this member that has the run's code loaded. */
    private Outcome runInProcess(String codeKey, Task<?> task, Initializer setup, Duration limit) {
        ProcessPoolExecutor workers;
        Future<?> future;
        try {
            Placed placed = submitToProcesses(codeKey, setup, task, limit);
            workers = placed.workers();
            future = placed.future();
        } catch (RuntimeException closedOrBroken) {
            return Outcome.failed(closedOrBroken);
        }
        try {
            future.awaitDone(null);
        } catch (WaitInterruptedException cancelled) {
            Thread.interrupted(); // NOTE: clear ours, or the wait below ends at once
            workers.kill(future);
            future.awaitDone(STOP_GRACE);
            return Outcome.stoppedByTheRunner();
        }
        return Outcome.ofDone(future);
    }

    private record Placed(ProcessPoolExecutor workers, Future<?> future) {
    }

    /**
     * Submits {@code task} to the worker JVMs of the run whose code is {@code key}, started as tasks need them; those
     * of the run before the one before are shut down, since a member outlives many runs and each run has its own
     * code. NOTE: submits under the lock, so no pool is shut down between being chosen and taking the task.
     */
    private Placed submitToProcesses(String key, Initializer setup, Task<?> task, Duration limit) {
        ProcessPoolExecutor retired = null;
        ProcessPoolExecutor workers;
        Future<?> future;
        synchronized (processes) {
            if (closed) {
                throw new CancelledException("this member is shutting down");
            }
            workers = processes.get(key);
            if (workers == null) {
                workers = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(slots).initializer(setup));
                processes.put(key, workers);
                if (processes.size() > KEPT_RUNS) {
                    String eldest = processes.keySet().iterator().next();
                    retired = processes.remove(eldest);
                }
            }
            future = workers.submit(task, limit);
        }
        if (retired != null) {
            retired.shutdown(false, false); // NOTE: its running tasks end as they would; its workers then exit
        }
        return new Placed(workers, future);
    }

    private Optional<String> admit(Submission submission) {
        if (!submission.signedWith(secret)) {
            return Optional.of("it is not signed with this cluster's secret (is " + ClusterSecret.ENV_SECRET
                    + " the same on the runner and on every member?)");
        }
        if (submission.pool() == null) {
            return Optional.of("it asks for a pool this member does not have (is the runner of the same jobrun "
                    + "version as the member?)");
        }
        return replays.admit(submission, System.currentTimeMillis());
    }

    /**
     * The runner cancelled the task (Ctrl-C, the job stopped): Hazelcast interrupted this thread; pass the interrupt
     * on to the task, which stops (a shell task kills its process tree), and wait for it a little.
     */
    private Outcome stop(Future<Object> future, AtomicReference<Thread> runner) {
        Thread.interrupted(); // NOTE: clear ours, or the wait below ends at once
        if (!future.cancel()) {
            Thread thread = runner.get();
            if (thread != null) {
                thread.interrupt();
            }
            future.awaitDone(STOP_GRACE);
        }
        return Outcome.stoppedByTheRunner();
    }

    /**
     * Defines the run's classes on this member the first time one of its tasks arrives; later tasks wait for it.
     *
     * @return the run's code, for worker JVMs; null when the task needs none
     */
    private Initializer loadCode(String key, HazelcastInstance member) throws Exception {
        if (key.isEmpty()) {
            return null;
        }
        CompletableFuture<Initializer> mine = new CompletableFuture<>();
        CompletableFuture<Initializer> loading = code.putIfAbsent(key, mine);
        if (loading == null) {
            try {
                byte[] bytes = (byte[]) member.getMap(CODE_MAP).get(key);
                if (bytes == null) {
                    throw new IllegalStateException("the run's code (" + key.substring(0, 12) + "...) is not in the "
                            + "cluster's code map; was it lost with a member?");
                }
                if (!CodeKeys.of(bytes).equals(key)) {
                    throw new IllegalStateException("the run's code in the cluster's code map does not match its key "
                            + key.substring(0, 12) + "...: refused");
                }
                Initializer setup = (Initializer) FilteredSerialization.deserialize(bytes, null);
                setup.initialize();
                mine.complete(setup);
            } catch (Throwable failed) {
                code.remove(key, mine); // a later task may try again
                mine.completeExceptionally(failed);
            }
            loading = mine;
        }
        try {
            return loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Stops what runs here, and only that (the JVM may hold other executors' processes, as the embedded member's
     * does): interrupts the tasks' threads, which kills their shell trees, and kills this member's worker JVMs.
     */
    void close() {
        closing = true;
        pool.shutdown(false, true);
        runningThreads.forEach(Thread::interrupt);
        List<ProcessPoolExecutor> workers;
        synchronized (processes) {
            closed = true;
            workers = List.copyOf(processes.values());
            processes.clear();
        }
        for (ProcessPoolExecutor each : workers) {
            each.killWorkers();
        }
    }
}
