package io.jobrun.run;

import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.Task;
import io.jobrun.job.Durations;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.Job;
import io.jobrun.job.TaskContext;
import io.jobrun.job.TaskSpec;
import io.jobrun.task.BodyRunner;
import io.jobrun.task.WorkerBodies;
import io.jobrun.task.WorkerOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs a validated job against the core pools and publishes one {@link RunEvent} per lifecycle step.
 *
 * <p>One thread, the caller of {@link #run()}, decides everything: it submits tasks whose dependencies succeeded,
 * and reacts to messages in its inbox (an attempt ended, a retry is due, the user pressed Ctrl-C). Workers only post
 * messages, so the state of every task is changed by one thread and needs no lock.
 */
public final class Interpreter {
    /** How long stopped tasks get to end before they count as leaked. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private sealed interface Message {
    }

    private record Ended(InstanceRun run, Attempt attempt, Future<Object> future, long endNanos) implements Message {
    }

    private record RetryDue(InstanceRun run) implements Message {
    }

    private record Stop(StopCause cause) implements Message {
    }

    private record Deadline() implements Message {
    }

    private final Job job;
    private final ExecutorKinds kinds;
    private final Ticker ticker;
    private final EventBus events = new EventBus();
    private final LinkedBlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final Pools pools = new Pools();
    private final List<InstanceRun> runs = new ArrayList<>();
    /** Results by task name, for {@code then} inputs and {@code results.x}; written by this thread only. */
    private final Map<String, Object> results = Collections.synchronizedMap(new LinkedHashMap<>());
    private SubmittedWork submitted;
    private ScheduledExecutorService timer;
    /** Written by this run's thread only; volatile for {@link #state()} from other threads. */
    private volatile RunState state = RunState.RUNNING;
    /** Why the run ended early, or null; set with the first move out of RUNNING. */
    private volatile StopCause stopCause;

    public Interpreter(Job job, ExecutorKinds kinds, Ticker ticker) {
        this.job = job;
        this.kinds = kinds;
        this.ticker = ticker;
    }

    public void addListener(RunListener listener) {
        events.add(listener);
    }

    /** Stops the run as Ctrl-C does: cancel what waits, stop what runs, report, exit 130. Safe from any thread. */
    public void interrupt() {
        stop(StopCause.INTERRUPTED);
    }

    /**
     * Stops the run for {@code cause}: nothing new starts, what waits is cancelled, and unless the cause is
     * {@link StopCause#FIRST_FAILURE} what runs is stopped; the run then reports as usual. Safe from any thread, and
     * at any time: before the run starts it takes effect at once, after it ends it does nothing. The first cause wins.
     */
    public void stop(StopCause cause) {
        inbox.add(new Stop(java.util.Objects.requireNonNull(cause, "cause")));
    }

    /** Where the run is now; see {@link RunState}. */
    public RunState state() {
        return state;
    }

    /** The executor that tasks without {@code on:} run on, or null when every task names one. */
    public static io.jobrun.job.ExecutorSpec defaultExecutor(Job job) {
        return Pools.needsDefault(job) && job.executor(Pools.DEFAULT) == null ? Pools.defaultSpec(job) : null;
    }

    /** The task instances of {@code job} in declaration order: one per task, one per item of a fan-out. */
    public static List<TaskInstance> plan(Job job) {
        List<TaskInstance> planned = new ArrayList<>();
        for (TaskSpec spec : job.tasks()) {
            String executor = Pools.nameFor(spec);
            if (!spec.fansOut()) {
                planned.add(new TaskInstance(spec.name(), spec, executor, null, spec.position()));
                continue;
            }
            for (int i = 0; i < spec.over().size(); i++) {
                Object item = spec.over().get(i);
                planned.add(new TaskInstance(spec.name() + "[" + ItemNames.of(item, i) + "]", spec, executor, item,
                        spec.position()));
            }
        }
        return planned;
    }

    /** Runs the job to its end and returns what happened; the listeners have seen every step by then. */
    public RunResult run() {
        long start = ticker.nanos();
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("jobrun-retries")
                .unstarted(r));
        List<TaskInstance> planned = plan(job);
        planned.forEach(instance -> runs.add(new InstanceRun(instance)));
        // NOTE: a fan-out over no items is done before it starts: its result is the empty list.
        for (TaskSpec spec : job.tasks()) {
            if (spec.fansOut() && spec.over().isEmpty()) {
                results.put(spec.name(), List.of());
            }
        }
        events.publish(new RunEvent.JobStarted(job.file(), planned));
        pools.start(job, kinds);
        submitted = new SubmittedWork(pools, events, ticker);
        if (job.timeout() != null) {
            timer.schedule(() -> inbox.add(new Deadline()), job.timeout().toNanos(), TimeUnit.NANOSECONDS);
        }
        try {
            loop();
        } finally {
            pools.shutdown(state != RunState.RUNNING);
            timer.shutdownNow();
        }
        boolean stopped = stopCause != null;
        state = RunState.DONE;
        List<TaskOutcome> outcomes = new ArrayList<>();
        runs.forEach(run -> outcomes.add(run.outcome));
        outcomes.addAll(submitted.awaitOutcomes(stopped ? STOP_GRACE : Duration.ofSeconds(30)));
        Duration wall = Duration.ofNanos(ticker.nanos() - start);
        RunResult result = new JobCallbackRunner(job, events).run(
                new RunResult(job, outcomes, wall, stopCause, events.warnings()));
        events.publish(new RunEvent.JobFinished(result));
        return result;
    }

    private void loop() {
        long stopDeadline = Long.MAX_VALUE;
        Message message = inbox.poll();
        while (true) {
            // NOTE: handle what is already in the inbox before launching, so a stop sent before the run starts
            // (or while it was busy) is seen before anything more is launched.
            while (message != null) {
                StopCause cause = handle(message);
                if (cause != null && state != RunState.STOPPING) {
                    enterStop(cause);
                    if (state == RunState.STOPPING) {
                        stopDeadline = System.nanoTime() + STOP_GRACE.toNanos();
                    }
                }
                message = inbox.poll();
            }
            if (state.launches()) {
                launchReady();
            }
            if (runs.stream().allMatch(InstanceRun::done)) {
                return;
            }
            message = poll(stopDeadline);
            if (message == null) {
                markLeaked();
                return;
            }
        }
    }

    /** Acts on one message; returns the cause when it asks the run to stop. */
    private StopCause handle(Message message) {
        return switch (message) {
            case Ended ended -> {
                attemptEnded(ended);
                yield null;
            }
            case RetryDue due -> {
                retry(due.run());
                yield null;
            }
            case Stop stop -> stop.cause();
            case Deadline ignored -> StopCause.JOB_TIMEOUT;
        };
    }

    private Message poll(long deadlineNanos) {
        try {
            if (deadlineNanos == Long.MAX_VALUE) {
                return inbox.take();
            }
            return inbox.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // NOTE: our own thread interrupted (e.g. an embedding host): treat as Ctrl-C.
            return new Stop(StopCause.INTERRUPTED);
        }
    }

    /** Submits every waiting task whose dependencies all succeeded; skips those with a failed dependency. */
    private void launchReady() {
        for (InstanceRun run : runs) {
            if (run.state != InstanceRun.State.WAITING) {
                continue;
            }
            String blocker = null;
            boolean ready = true;
            for (String dependency : run.instance.spec().after()) {
                for (InstanceRun other : runs) {
                    if (!other.instance.spec().name().equals(dependency)) {
                        continue;
                    }
                    if (!other.done()) {
                        ready = false;
                    } else if (!other.ok() && blocker == null) {
                        blocker = other.instance.name();
                    }
                }
            }
            if (blocker != null) {
                finish(run, TaskStatus.SKIPPED, null, new RunnerDecision("skipped because '" + blocker
                        + "' did not succeed"));
            } else if (ready) {
                submit(run);
            }
        }
    }

    private void submit(InstanceRun run) {
        TaskInstance instance = run.instance;
        int number = ++run.attempts;
        TaskContext context = submitted.contextFor(instance, results);
        Task<Object> body = () -> BodyRunner.run(instance.spec().body(), context);
        Attempt attempt = new Attempt(body, () -> events.publish(new RunEvent.TaskStarted(instance, number)), ticker);
        run.current = attempt;
        run.state = InstanceRun.State.RUNNING;
        Future<Object> future;
        try {
            future = pools.runsInWorkerProcesses(instance.executor()) ? submitToWorker(instance, context, attempt)
                    : pools.get(instance.executor()).submit(attempt, instance.spec().timeout());
        } catch (RuntimeException e) {
            finish(run, TaskStatus.FAILED, null, e);
            return;
        }
        future.addDoneCallback(done -> inbox.add(new Ended(run, attempt, done, ticker.nanos())));
    }

    /**
     * Sends one attempt to a process executor: the body with what it reads of its context. Its time counts from
     * here, as this JVM cannot see the moment a worker takes it.
     */
    private Future<Object> submitToWorker(TaskInstance instance, TaskContext context, Attempt attempt) {
        Task<Object> work = WorkerBodies.task(instance.spec().body(), context);
        attempt.startedElsewhere();
        Future<Object> future = pools.get(instance.executor()).submit(work, instance.spec().timeout());
        future.addDoneCallback(done -> attempt.returnedElsewhere());
        return future;
    }

    private void attemptEnded(Ended ended) {
        InstanceRun run = ended.run();
        Attempt attempt = ended.attempt();
        Future<Object> future = ended.future();
        // A process task's result carries the time it ran in its worker; see WorkerOutcome.
        WorkerOutcome fromWorker = future.state() == java.util.concurrent.Future.State.SUCCESS
                && future.resultNow() instanceof WorkerOutcome outcome ? outcome : null;
        if (fromWorker != null) {
            run.runTime = run.runTime.plusNanos(fromWorker.runNanos());
        } else if (attempt.started()) {
            run.runTime = run.runTime.plusNanos(ended.endNanos() - attempt.startNanos());
        }
        run.current = null;
        if (future.cancelled()) {
            finish(run, TaskStatus.CANCELLED, null, run.stoppedBecause);
            return;
        }
        Throwable error = future.exception();
        if (error == null) {
            finish(run, TaskStatus.OK, fromWorker != null ? fromWorker.value() : future.result(), null);
            return;
        }
        boolean timedOutAttempt = error instanceof FutureTimeoutException;
        if (timedOutAttempt && !attempt.awaitReturn(leakGraceMillis(run))) {
            finish(run, TaskStatus.LEAKED, null, error);
            return;
        }
        if (run.stoppedAs != null) {
            finish(run, run.stoppedAs, null, run.stoppedBecause);
            return;
        }
        TaskSpec spec = run.instance.spec();
        if (run.attempts <= spec.retry().count() && spec.retry().retries(error, timedOutAttempt)
                && state.launches()) {
            Duration delay = spec.retry().delayBefore(run.attempts);
            run.state = InstanceRun.State.RETRY_WAIT;
            run.lastError = error;
            events.publish(new RunEvent.TaskRetrying(run.instance, run.attempts, delay, error));
            timer.schedule(() -> inbox.add(new RetryDue(run)), delay.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        finish(run, timedOutAttempt ? TaskStatus.TIMEOUT : TaskStatus.FAILED, null, error);
    }

    private long leakGraceMillis(InstanceRun run) {
        var spec = job.executor(run.instance.executor());
        Duration grace = spec == null ? null : spec.option("leakGrace", null);
        return grace != null ? grace.toMillis() : 1000;
    }

    private void retry(InstanceRun run) {
        if (run.state == InstanceRun.State.RETRY_WAIT) {
            submit(run);
        }
    }

    private void finish(InstanceRun run, TaskStatus status, Object result, Throwable error) {
        run.state = InstanceRun.State.DONE;
        run.outcome = new TaskOutcome(run.instance, status, result, error, run.attempts, run.runTime);
        if (status == TaskStatus.OK) {
            recordResult(run);
        }
        events.publish(new RunEvent.TaskFinished(run.outcome));
        TaskCallbackRunner.run(run.outcome, events);
        if (run.outcome.failsJob() && job.halt() == io.jobrun.job.HaltPolicy.FIRST_FAILURE && state.launches()) {
            stopCause = StopCause.FIRST_FAILURE;
            halt(null, new io.jobrun.futures.CancelledException("cancelled after '" + run.instance.name()
                    + "' failed (halt: first-failure)"));
        }
    }

    /** A task's result, or for a fan-out, the list of its items' results once all are in. */
    private void recordResult(InstanceRun finished) {
        TaskSpec spec = finished.instance.spec();
        if (!spec.fansOut()) {
            results.put(spec.name(), finished.outcome.result());
            return;
        }
        List<Object> items = new ArrayList<>();
        for (InstanceRun run : runs) {
            if (run.instance.spec() == spec) {
                if (!run.ok()) {
                    return;
                }
                items.add(run.outcome.result());
            }
        }
        results.put(spec.name(), Collections.unmodifiableList(items));
    }

    /**
     * Moves the run to STOPPING for {@code cause}, or to HALTING for a first failure. The first cause is kept, except
     * that a cause which stops running tasks replaces a halt.
     */
    private void enterStop(StopCause cause) {
        if (stopCause == null || !stopCause.stopsRunningTasks() && cause.stopsRunningTasks()) {
            stopCause = cause;
        }
        if (!cause.stopsRunningTasks()) {
            if (state.launches()) {
                halt(null, new io.jobrun.futures.CancelledException("cancelled: the run was halted"));
            }
            return;
        }
        if (cause == StopCause.JOB_TIMEOUT) {
            halt(TaskStatus.TIMEOUT, new FutureTimeoutException("the job timed out after "
                    + Durations.describe(job.timeout())));
        } else {
            halt(TaskStatus.CANCELLED, new io.jobrun.futures.CancelledException(cause.headline().toLowerCase(
                    java.util.Locale.ROOT)));
        }
    }

    /**
     * Nothing new starts, waiting tasks are cancelled, and, when {@code runningAs} is given, running ones are
     * interrupted (shell trees killed) and end with that status. With null, running tasks finish.
     */
    private void halt(TaskStatus runningAs, Throwable because) {
        state = runningAs != null ? RunState.STOPPING : RunState.HALTING;
        for (InstanceRun run : runs) {
            switch (run.state) {
                case WAITING, RETRY_WAIT -> finish(run, TaskStatus.CANCELLED, null, because);
                case RUNNING -> {
                    if (runningAs != null) {
                        run.stoppedAs = runningAs;
                        run.stoppedBecause = because;
                        if (run.current != null) {
                            run.current.interrupt();
                        }
                    }
                }
                case DONE -> {
                }
            }
        }
        if (runningAs != null) {
            submitted.stop();
            pools.stopRunning();
        }
    }

    private void markLeaked() {
        for (InstanceRun run : runs) {
            if (!run.done()) {
                run.state = InstanceRun.State.DONE;
                run.outcome = new TaskOutcome(run.instance, TaskStatus.LEAKED, null,
                        new RunnerDecision("did not stop within " + Durations.describe(STOP_GRACE)),
                        run.attempts, run.runTime);
                events.publish(new RunEvent.TaskFinished(run.outcome));
            }
        }
    }
}
