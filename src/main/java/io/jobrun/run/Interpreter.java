package io.jobrun.run;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.futures.SystemExitException;
import io.jobrun.futures.Task;
import io.jobrun.job.Durations;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.Rendering;
import io.jobrun.job.TaskSelection;
import io.jobrun.job.TaskSpec;
import io.jobrun.task.BodyRunner;
import io.jobrun.task.TaskOutput;
import io.jobrun.task.WorkerOutcome;
import io.jobrun.task.WorkerBodies;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs a validated job against the core pools and publishes one {@link RunEvent} per lifecycle step.
 *
 * <p>One thread, the caller of {@link #run()}, decides everything: it launches tasks whose dependencies succeeded
 * ({@link Scheduler}), and acts on the messages in its inbox (an attempt ended, a retry or a leak grace is due, the
 * run must stop). It never blocks on anything but its inbox: every wait is a timer that posts a message, callbacks
 * run on a thread of their own ({@link Callbacks}) and listeners on another ({@link EventDispatcher}). Workers only
 * post messages, so the state of every task is changed by one thread and needs no lock.
 *
 * <pre>
 *   workers ---- Ended, ReturnedLate ----\
 *   timer ------ RetryDue, GraceOver, ----> inbox --> this thread --> pools (submit, cancel, interrupt)
 *                Deadline                /                    \-----> events --> dispatcher thread --> listeners
 *   stop(cause) --------- Stop ---------/                      \----> callbacks thread
 * </pre>
 */
public final class Interpreter {
    /** How long a stopped or timed-out body may take to return when its executor names no leak grace. */
    private static final Duration DEFAULT_LEAK_GRACE = Duration.ofSeconds(1);
    /** How many queued instances launch before the inbox is looked at again. */
    private static final int LAUNCHES_BETWEEN_MESSAGES = 64;

    private final Job job;
    private final ExecutorKinds kinds;
    private final Ticker ticker;
    private final EventDispatcher events;
    private final Inbox inbox;
    private final Pools pools = new Pools();
    private final WorkMeter meter = new WorkMeter();
    private final Callbacks callbacks;
    /** Whether an earlier run's result stands for an instance; set before the run. */
    private Reuse reuse = Reuse.NOTHING;
    /** What records the launches of {@code once} tasks before they happen; set before the run. */
    private OnceLaunches onceLaunches = OnceLaunches.NONE;
    /** Which tasks run; set before the run. */
    private TaskSelection selection = TaskSelection.everything();
    /** The variables of the run's env files, which every attempt's environment gets; set before the run. */
    private java.util.Map<String, String> environment = java.util.Map.of();
    /** Where printed lines go as they come ({@code --output}), or null. */
    private TaskOutput.LineSink liveOutput;
    /** Made when the run starts, from the selection. */
    private Scheduler scheduler;
    private SubmittedWork submitted;
    private ScheduledExecutorService timer;
    /** Written by this run's thread only; volatile for {@link #state()} from other threads. */
    private volatile RunState state = RunState.RUNNING;
    /** Why the run ended early, or null; set with the first move out of RUNNING. */
    private volatile StopCause stopCause;
    /** What cancelled tasks report once the run no longer launches. */
    private Throwable whyCancelled;

    /** What reports call this run: its id, and the hash of the job file's text. */
    private final RunIdentity identity;

    /** A run of a job that was not read from a file (a program's or a test's). */
    public Interpreter(Job job, ExecutorKinds kinds, Ticker ticker) {
        this(job, kinds, ticker, RunIdentity.unread());
    }

    public Interpreter(Job job, ExecutorKinds kinds, Ticker ticker, RunIdentity identity) {
        this.job = job;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.kinds = kinds;
        this.ticker = ticker;
        this.events = new EventDispatcher(ticker);
        this.inbox = new Inbox(events, ticker);
        this.callbacks = new Callbacks(job, events);
    }

    /**
     * Runs only the tasks {@code selection} selects (with what they depend on); the others are reported
     * {@link TaskStatus#NOT_SELECTED}. Call before {@link #run}.
     */
    public void select(TaskSelection selection) {
        this.selection = Objects.requireNonNull(selection, "selection");
    }

    /** Where the job's callbacks print and their commands write: the job's own output. Call before {@link #run}. */
    public void output(PrintStream out, PrintStream err) {
        callbacks.output(new JobOutput(out, err));
    }

    /**
     * The variables env files add to the environment of every task ({@code --env-file}, {@code dotenv}) and of the
     * job's callbacks. Call before {@link #run}.
     */
    public void environment(java.util.Map<String, String> added) {
        this.environment = java.util.Map.copyOf(added);
        callbacks.environment(this.environment);
    }

    /**
     * What every event goes through before any listener sees it: the one place where a run's secrets are masked.
     * Call before {@link #run}.
     */
    public void mask(java.util.function.UnaryOperator<RunEvent> mask) {
        events.mask(mask);
    }

    public void addListener(RunListener listener) {
        events.add(listener);
    }

    /** Asks {@code reuse} before each declared instance first launches (see {@link Reuse}). Call before {@link #run}. */
    public void reuse(Reuse reuse) {
        this.reuse = Objects.requireNonNull(reuse, "reuse");
    }

    /**
     * Tells {@code launches} of each instance of a {@code once} task just before it first launches, and waits for it
     * to be on disk, once for all the launches of a scheduling step (see {@link OnceLaunches}). Call before
     * {@link #run}.
     */
    public void recordOnceLaunches(OnceLaunches launches) {
        this.onceLaunches = Objects.requireNonNull(launches, "launches");
    }

    /**
     * Passes each line the tasks print to {@code sink} as it is printed, tagged with the task's name ({@code --output});
     * a task in a worker process delivers its lines when its attempt ends. Call before {@link #run}.
     */
    public void streamOutput(TaskOutput.LineSink sink) {
        this.liveOutput = sink;
    }

    /** Stops the run as Ctrl-C does: cancel what waits, stop what runs, report, exit 130. Safe from any thread. */
    public void interrupt() {
        stop(StopCause.INTERRUPTED);
    }

    /**
     * Stops the run for {@code cause}: nothing new starts, what waits is cancelled, and unless the cause is
     * {@link StopCause#FIRST_FAILURE} what runs is stopped; the run then reports as usual. Safe from any thread, and
     * at any time: before the run starts it takes effect at once, after it ends it does nothing. The first cause wins,
     * except that a cause which stops running tasks replaces a halt.
     */
    public void stop(StopCause cause) {
        inbox.post(new Message.Stop(Objects.requireNonNull(cause, "cause")));
    }

    /** Where the run is now; see {@link RunState}. */
    public RunState state() {
        return state;
    }

    /** The executor that tasks without {@code on:} run on, or null when every task names one. */
    public static ExecutorSpec defaultExecutor(Job job) {
        return Pools.needsDefault(job) && job.executor(Pools.DEFAULT) == null ? Pools.defaultSpec(job) : null;
    }

    /** The run's executors as declared, then the default one when a task runs on it. */
    private List<ExecutorSpec> executors() {
        List<ExecutorSpec> all = new ArrayList<>(job.executors());
        ExecutorSpec fallback = defaultExecutor(job);
        if (fallback != null) {
            all.add(fallback);
        }
        return all;
    }

    /** Events published so far (see {@link AttemptStarts}); for tests that count them. */
    long eventsPublished() {
        return events.published();
    }

    /** Scheduling steps taken so far (see {@link WorkMeter}); for tests that show the cost per task is flat. */
    long schedulingSteps() {
        return meter.steps();
    }

    /** Runs the job to its end and returns what happened; the listeners have seen every step by then. */
    public RunResult run() {
        scheduler = new Scheduler(job, selection, meter, new SchedulerActions());
        long start = ticker.nanos();
        events.start();
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("jobrun-timer")
                .unstarted(r));
        events.publish(at -> new RunEvent.JobStarted(at, ticker.wallClock(), job.file(), scheduler.planned(),
                scheduler.pendingFanOuts(), executors(), identity, job.params()));
        pools.start(job, kinds);
        submitted = new SubmittedWork(pools, inbox, ticker);
        if (job.timeout() != null) {
            later(job.timeout(), new Message.Deadline());
        }
        try {
            loop();
            events.deliverSoon();
        } finally {
            submitted.close();
            pools.shutdown(state != RunState.RUNNING);
            timer.shutdownNow();
        }
        state = RunState.DONE;
        events.publish(at -> new RunEvent.StateChanged(at, RunState.DONE, stopCause));
        List<TaskOutcome> outcomes = new ArrayList<>();
        scheduler.all().forEach(run -> outcomes.add(run.outcome));
        submitted.rows().forEach(row -> outcomes.add(row.outcome));
        Duration wall = Duration.ofNanos(ticker.nanos() - start);
        callbacks.drain();
        RunResult result = callbacks.jobFinished(new RunResult(job, outcomes, wall, stopCause,
                callbacks.warnings()));
        events.publish(at -> new RunEvent.JobFinished(at, result));
        events.close();
        return result;
    }

    private void loop() {
        // NOTE: act on what is already in the inbox before launching, so that a stop sent before the run started
        // is seen before anything is launched.
        for (Message message = inbox.poll(); message != null; message = inbox.poll()) {
            handle(message);
        }
        scheduler.start();
        while (!scheduler.allDone() || !submitted.idle()) {
            if (scheduler.hasLaunchable()) {
                // NOTE: what came in first (ends, a stop), then the next few launches: ends are handled as the
                // instances of a large fan-out launch, not after the last of them.
                for (Message message = inbox.poll(); message != null; message = inbox.poll()) {
                    handle(message);
                }
                scheduler.launchNext(LAUNCHES_BETWEEN_MESSAGES);
                continue;
            }
            try {
                handle(inbox.take());
            } catch (InterruptedException e) {
                // NOTE: our own thread interrupted (e.g. an embedding host): treat as Ctrl-C.
                enterStop(StopCause.INTERRUPTED, null);
            }
        }
    }

    private void handle(Message message) {
        meter.step();
        switch (message) {
            case Message.Ended ended -> attemptEnded(ended.attempt());
            case Message.ReturnedLate late -> returnedLate(late.attempt());
            case Message.GraceOver over -> graceOver(over.attempt());
            case Message.Placed placed -> placed(placed);
            case Message.RetryDue due -> retryDue(due.run());
            case Message.Stop stop -> enterStop(stop.cause(), null);
            case Message.Deadline ignored -> enterStop(StopCause.JOB_TIMEOUT, null);
        }
    }

    private void later(Duration delay, Message message) {
        timer.schedule(() -> inbox.post(message), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Submits the next attempt of {@code run}; a task that cannot even be submitted fails at once. */
    private void launch(InstanceRun run) {
        TaskInstance instance = run.instance;
        TaskSpec spec = instance.spec();
        int number = run.history.size() + 1;
        long now = ticker.nanos();
        TaskOutput output = new TaskOutput(instance.name(), liveOutput);
        AttemptContext context = new AttemptContext(instance, input(run), run.spec.resultsView, submitted, output,
                environment);
        Attempt attempt;
        Future<Object> future;
        try {
            Pools.Repeat repeat = spec.caching().once() ? Pools.Repeat.AT_MOST_ONCE : Pools.Repeat.ALLOWED;
            Executor pool = run.spec.pool(pools);
            if (run.spec.inWorkerProcesses(pools)) {
                Task<Object> work = WorkerBodies.task(spec.body(), context, liveOutput == null ? null : output);
                Attempt first = new Attempt(run, number, instance.executor(), now, null, inbox);
                attempt = first;
                future = pools.submit(instance.executor(), spec, work, spec.timeout(),
                        (worker, lostWith) -> inbox.post(new Message.Placed(first, worker, lostWith)), repeat);
                attempt.startedElsewhere();
            } else {
                attempt = new Attempt(run, number, instance.executor(), now,
                        () -> BodyRunner.run(spec.body(), context), inbox);
                future = pool.submit(attempt, spec.timeout());
            }
        } catch (RuntimeException e) {
            run.history.add(new AttemptRecord(number, instance.executor(), null, now, AttemptRecord.NEVER, now,
                    TaskStatus.FAILED, e));
            finish(run, TaskStatus.FAILED, null, e);
            return;
        }
        attempt.future = future;
        attempt.output = output;
        run.current = attempt;
        run.state = InstanceRun.State.IN_FLIGHT;
        inbox.endsWith(attempt, future);
    }

    /**
     * Where the executor placed a try of a running attempt. After a loss the try on {@code lostWith} gets a record of
     * its own, LOST, and the next try goes on under the same future as the next attempt, which uses up no retry.
     */
    private void placed(Message.Placed placed) {
        InstanceRun run = placed.attempt().run;
        Attempt current = run.current;
        if (current == null || current.settled || current.future != placed.attempt().future) {
            return; // the attempt has ended since
        }
        if (placed.lostWith() == null) {
            current.placedOn(placed.worker());
            return;
        }
        long now = ticker.nanos();
        current.settled = true;
        current.placedOn(placed.lostWith());
        AttemptRecord lost = current.record(now, TaskStatus.LOST,
                new RunnerDecision("its worker " + placed.lostWith() + " left while it ran"));
        run.history.add(lost);
        events.publish(at -> new RunEvent.AttemptLost(at, run.instance, lost, placed.worker()));
        Attempt next = new Attempt(run, lost.number() + 1, current.executor, now, null, inbox);
        next.placedOn(placed.worker());
        next.future = current.future;
        next.startedElsewhere();
        run.current = next;
        inbox.endsWith(next, next.future);
    }

    /** The fan-out item, or for a {@code then} stage the result of the task before it. */
    private static Object input(InstanceRun run) {
        String from = run.instance.spec().inputFrom();
        return from != null ? run.spec.resultsView.get(from) : run.instance.item();
    }

    private void attemptEnded(Attempt attempt) {
        if (attempt.settled) {
            return;
        }
        if (!attempt.returned() && !attempt.watch()) {
            // NOTE: the future ended (its time limit) but the body still runs: wait for it, as a timer, not here.
            startGrace(attempt);
            return;
        }
        settle(attempt, Verdict.of(attempt.future, attempt.run.stoppedAs, attempt.run.stoppedBecause));
    }

    private void returnedLate(Attempt attempt) {
        if (!attempt.settled && attempt.future.done()) {
            settle(attempt, Verdict.of(attempt.future, attempt.run.stoppedAs, attempt.run.stoppedBecause));
        }
    }

    private void graceOver(Attempt attempt) {
        if (attempt.settled) {
            return;
        }
        InstanceRun run = attempt.run;
        Throwable error = run.stoppedBecause != null ? run.stoppedBecause
                : attempt.future.done() ? attempt.future.exception() : null;
        settle(attempt, new Verdict(TaskStatus.LEAKED, null, error != null ? error
                : new RunnerDecision("did not stop within " + Durations.describe(leakGrace(attempt)))));
    }

    private void startGrace(Attempt attempt) {
        if (!attempt.graceScheduled) {
            attempt.graceScheduled = true;
            later(leakGrace(attempt), new Message.GraceOver(attempt));
        }
    }

    private Duration leakGrace(Attempt attempt) {
        ExecutorSpec spec = job.executor(attempt.executor);
        return spec == null ? DEFAULT_LEAK_GRACE : spec.option("leakGrace", DEFAULT_LEAK_GRACE);
    }

    /** Gives an attempt its final status, then retries the task or finishes it. */
    private void settle(Attempt attempt, Verdict verdict) {
        attempt.settled = true;
        InstanceRun run = attempt.run;
        run.current = null;
        long ended = ticker.nanos();
        if (verdict.fromWorker() != null) {
            attempt.measuredElsewhere(ended, verdict.fromWorker().runNanos(), "worker " + verdict.fromWorker().pid());
        }
        if (attempt.output != null) {
            // NOTE: a worker process sends what the task printed with its outcome, or with its failure.
            attempt.output.addAll(verdict.fromWorker() != null ? verdict.fromWorker().output()
                    : WorkerOutcome.PrintedLines.of(verdict.error()));
            run.printed = attempt.output.lines();
        }
        AttemptRecord record = attempt.record(ended, verdict.status(), verdict.error());
        run.history.add(record);
        if (retries(run, verdict)) {
            Duration delay = run.instance.spec().retry().delayBefore(run.triesCounted());
            run.state = InstanceRun.State.RETRY_WAIT;
            events.publish(at -> new RunEvent.RetryScheduled(at, run.instance, record, delay));
            later(delay, new Message.RetryDue(run));
            return;
        }
        finish(run, verdict.status(), verdict.value(), verdict.error());
    }

    private boolean retries(InstanceRun run, Verdict verdict) {
        // NOTE: a task that called System.exit is not tried again: the JVM is going.
        if (run.spec == null || run.stoppedAs != null || !state.launches()
                || verdict.error() instanceof SystemExitException) {
            return false;
        }
        boolean failed = verdict.status() == TaskStatus.FAILED || verdict.status() == TaskStatus.TIMEOUT;
        var retry = run.instance.spec().retry();
        return failed && run.triesCounted() <= retry.count() && retry.retries(verdict.error(), verdict.timedOut());
    }

    private void retryDue(InstanceRun run) {
        if (run.state == InstanceRun.State.RETRY_WAIT && state.launches()) {
            launch(run);
        }
    }

    private void finish(InstanceRun run, TaskStatus status, Object result, Throwable error) {
        run.state = InstanceRun.State.DONE;
        TaskOutcome outcome = new TaskOutcome(run.instance, status, result, error, run.history, run.printed);
        run.outcome = outcome;
        events.publish(at -> new RunEvent.TaskFinished(at, outcome));
        callbacks.taskFinished(outcome);
        if (run.spec != null) {
            scheduler.finished(run);
        } else {
            submitted.settled(run);
        }
        if (outcome.failsJob() && job.halt() == HaltPolicy.FIRST_FAILURE && state.launches()) {
            enterStop(StopCause.FIRST_FAILURE, new CancelledException("cancelled after '" + run.instance.name()
                    + "' failed (halt: first-failure)"));
        }
    }

    /** An instance for which an earlier run's result stands: it is done without running, and without callbacks. */
    private void finishCached(InstanceRun run, Object result) {
        run.state = InstanceRun.State.DONE;
        TaskOutcome outcome = new TaskOutcome(run.instance, TaskStatus.CACHED, result, null, List.of());
        run.outcome = outcome;
        events.publish(at -> new RunEvent.TaskFinished(at, outcome));
        scheduler.finished(run);
    }

    /**
     * Moves the run to HALTING for a first failure, or to STOPPING for every other cause: nothing new starts, what
     * waits is cancelled, and when stopping, what runs is stopped (queued attempts cancelled, threads interrupted,
     * worker processes killed) and given a leak grace.
     *
     * @param why what cancelled tasks report, or null for the cause's own words
     */
    private void enterStop(StopCause cause, Throwable why) {
        if (state == RunState.DONE || state == RunState.STOPPING
                || state == RunState.HALTING && !cause.stopsRunningTasks()) {
            return;
        }
        stopCause = stopCause == null || !stopCause.stopsRunningTasks() && cause.stopsRunningTasks() ? cause
                : stopCause;
        state = cause.stopsRunningTasks() ? RunState.STOPPING : RunState.HALTING;
        whyCancelled = why != null ? why : reason(cause);
        events.publish(at -> new RunEvent.StateChanged(at, state, stopCause));
        scheduler.cancelWaiting();
        if (state != RunState.STOPPING) {
            return;
        }
        TaskStatus runningAs = cause == StopCause.JOB_TIMEOUT ? TaskStatus.TIMEOUT : TaskStatus.CANCELLED;
        List<InstanceRun> stopping = scheduler.inFlight();
        stopping.addAll(submitted.close());
        // NOTE: cancel everything queued before interrupting anything: an interrupted task frees its worker, which
        // would otherwise start the next queued attempt before this loop reached it.
        List<InstanceRun> started = new ArrayList<>();
        for (InstanceRun run : stopping) {
            if (!cancelQueued(run, runningAs)) {
                started.add(run);
            }
        }
        for (InstanceRun run : started) {
            interrupt(run);
        }
        pools.stopRunning();
    }

    /**
     * Why a task waiting to try again was stopped, with why its last try failed: its row would otherwise say only
     * "the job timed out", and the failure that made it wait would be in no summary.
     */
    private static Throwable withLastFailure(Throwable why, InstanceRun run) {
        AttemptRecord last = run.history.isEmpty() ? null : run.history.getLast();
        if (last == null || last.error() == null || why == null) {
            return why;
        }
        String message = last.error().getMessage() + " (attempt " + last.number() + "); then " + why.getMessage()
                + " before it tried again";
        Throwable decorated = why instanceof FutureTimeoutException ? new FutureTimeoutException(message)
                : new CancelledException(message);
        decorated.initCause(why);
        return decorated;
    }

    private Throwable reason(StopCause cause) {
        return switch (cause) {
            case JOB_TIMEOUT -> new FutureTimeoutException("the job timed out after "
                    + Durations.describe(job.timeout()));
            case FIRST_FAILURE -> new CancelledException("cancelled: the run was halted");
            default -> new CancelledException(cause.headline().toLowerCase(Locale.ROOT));
        };
    }

    /**
     * Marks the attempt in flight of {@code run} as stopped and cancels it if it has not started; returns false when
     * it has started and must be interrupted. An attempt already over is left to end as it did.
     */
    private boolean cancelQueued(InstanceRun run, TaskStatus runningAs) {
        Attempt attempt = run.current;
        if (attempt == null || attempt.future.done()) {
            return true;
        }
        run.stoppedAs = runningAs;
        run.stoppedBecause = whyCancelled;
        return attempt.future.cancel();
    }

    /** Interrupts a started attempt and gives it its executor's leak grace to return. */
    private void interrupt(InstanceRun run) {
        Attempt attempt = run.current;
        // NOTE: a body that called System.exit never returns: it failed, and it is why the run stops (EXITING)
        if (attempt.blockedInExit()) {
            settle(attempt, new Verdict(TaskStatus.FAILED, null, SystemExitException.blockedInExit()));
            return;
        }
        attempt.interrupt();
        if (!attempt.watch()) {
            startGrace(attempt);
        }
    }

    /** How the scheduler acts on the run. */
    private final class SchedulerActions implements Scheduler.Actions {
        /**
         * The launches of this step held back until the {@code once} launches among them are on disk: the first such
         * launch and every one after it, so that they still launch in their order.
         */
        private final List<InstanceRun> held = new ArrayList<>();

        @Override
        public boolean launching() {
            return state.launches();
        }

        @Override
        public Throwable whyCancelled() {
            return whyCancelled;
        }

        @Override
        public void launch(InstanceRun run) {
            Reuse.Reused reused = reuse.reuse(run.instance, input(run), run.spec.resultsView);
            if (reused != null) {
                finishCached(run, reused.result());
                return;
            }
            boolean once = run.spec.spec.caching().once();
            if (once) {
                onceLaunches.launching(run.instance, ticker.nanos());
            }
            if (once || !held.isEmpty()) {
                held.add(run);
                return;
            }
            Interpreter.this.launch(run);
        }

        @Override
        public void stepEnded() {
            if (held.isEmpty()) {
                return;
            }
            // NOTE: one wait for the disk for every once launch of the step: a fan-out of once items paid one each
            onceLaunches.onDisk();
            for (InstanceRun run : held) {
                // NOTE: as launchNext does: a launch before it may have failed at once and halted the run, which
                // cancels what waits (this one with it, or else here)
                if (run.state != InstanceRun.State.WAITING) {
                    continue;
                }
                if (state.launches()) {
                    Interpreter.this.launch(run);
                } else {
                    finish(run, TaskStatus.CANCELLED, null, whyCancelled);
                }
            }
            held.clear();
        }

        @Override
        public void finishUnrun(InstanceRun run, TaskStatus status, Throwable error) {
            finish(run, status, null, run.state == InstanceRun.State.RETRY_WAIT ? withLastFailure(error, run) : error);
        }

        @Override
        public boolean holds(SpecRun spec) {
            return spec.spec.when().holds(Rendering.roots(job.params(), null, spec.resultsView, environment));
        }

        @Override
        public void expanded(SpecRun spec) {
            List<TaskInstance> instances = new ArrayList<>(spec.instances.size());
            for (InstanceRun run : spec.instances) {
                if (run.state == InstanceRun.State.WAITING) {
                    instances.add(run.instance); // NOTE: items the selection left out are no part of the work
                }
            }
            events.publish(at -> new RunEvent.FanOutExpanded(at, spec.name(), instances));
        }
    }
}
