package io.jobrun.report;

import io.jobrun.futures.CancelledException;
import io.jobrun.futures.FutureTimeoutException;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunIdentity;
import io.jobrun.run.RunListener;
import io.jobrun.run.RunResult;
import io.jobrun.run.RunnerDecision;
import io.jobrun.run.StopCause;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import io.jobrun.run.Ticker;
import io.jobrun.task.ShellFailedException;
import io.jobrun.task.ShellResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run with every status a report maps, built by hand so that each instant, worker and error is known: two executors,
 * a retry that succeeds and one that does not, a timeout, a leak, a skip, a cancellation, an optional failure, shell
 * output with terminal codes and characters XML forbids, a long result, work submitted from code, and a secret in a
 * parameter, an error, an output and a warning.
 */
final class ReportFixture {
    static final String FILE = "jobs/build.v2.groovy";
    static final String SECRET = "s3cret-value";
    /** The run starts at this ticker instant; every instant below is milliseconds after it. */
    static final long START = 5_000_000_000L;
    static final Instant WALL = Instant.parse("2024-05-01T10:00:00Z");
    static final String RUN_ID = "run-1";
    static final String SHA = "ab".repeat(32);
    static final String LONG_RESULT = "x".repeat(1000);
    static final String SHELL_OUT = "\u001b[32mgreen\u001b[0m text\u0000 with NUL and token " + SECRET + "\n";

    private static final SourcePosition AT = new SourcePosition(FILE, 3, 1);
    private static final List<ExecutorSpec> EXECUTORS = List.of(new ExecutorSpec("io", "threads", 2, AT),
            new ExecutorSpec("slow", "threads", 1, AT));

    final List<TaskOutcome> outcomes = new ArrayList<>();
    private final List<TaskSpec> specs = new ArrayList<>();
    private StopCause stopCause;
    private long end = ms(400);

    /** The run described in the class comment. */
    static ReportFixture everyStatus() {
        ReportFixture run = new ReportFixture();
        run.ok("compile", "io", "io_1", 0, 1, 11, "compiled");
        TaskSpec test = run.spec("test", 12, false);
        run.add(new TaskOutcome(instance(test, "test", 0, "test[unit]", "unit"), TaskStatus.OK, "passed", null,
                List.of(attempt(1, "io", "io_1", 12, 15, 20, TaskStatus.FAILED, atLine("flaky", 14)),
                        attempt(2, "io", "io_2", 120, 121, 130, TaskStatus.OK, null))));
        AssertionError wrong = new AssertionError("expected 2 but was 3");
        wrong.setStackTrace(new StackTraceElement[] {new StackTraceElement("Script1", "run", "build.v2.groovy", 15)});
        run.add(new TaskOutcome(instance(test, "test", 1, "test[e2e]", "e2e"), TaskStatus.FAILED, null, wrong,
                List.of(attempt(1, "io", "io_2", 12, 21, 30, TaskStatus.FAILED, atLine("connection reset", 14)),
                        attempt(2, "io", "io_1", 131, 131, 140, TaskStatus.FAILED, wrong))));
        FutureTimeoutException late = new FutureTimeoutException("timed out after 50ms");
        run.single("lint", "slow", false, TaskStatus.TIMEOUT, null, late,
                attempt(1, "slow", "slow_1", 0, 2, 52, TaskStatus.TIMEOUT, late));
        RunnerDecision leak = new RunnerDecision("did not stop within 1s");
        run.single("hang", "slow", false, TaskStatus.LEAKED, null, leak,
                attempt(1, "slow", "slow_1", 0, 53, 1100, TaskStatus.LEAKED, leak));
        run.single("deploy", "io", false, TaskStatus.SKIPPED, null,
                new RunnerDecision("skipped because 'test' did not succeed"));
        CancelledException cancelled = new CancelledException("cancelled before it started");
        run.single("notify", "io", false, TaskStatus.CANCELLED, null, cancelled,
                new AttemptRecord(1, "io", null, ms(30), AttemptRecord.NEVER, ms(35), TaskStatus.CANCELLED,
                        cancelled));
        IllegalStateException docs = atLine("no docs for " + SECRET, 22);
        run.single("docs", "io", true, TaskStatus.FAILED, null, docs,
                attempt(1, "io", "io_1", 31, 32, 40, TaskStatus.FAILED, docs));
        run.single("shell", "io", false, TaskStatus.OK, new ShellResult(0, SHELL_OUT, "a warning\n"), null,
                attempt(1, "io", "io_2", 41, 41, 60, TaskStatus.OK, null));
        ShellFailedException exit3 = new ShellFailedException("make check", 3, List.of("checking", "failed: 3"));
        run.single("shell-fail", "io", false, TaskStatus.FAILED, null, exit3,
                attempt(1, "io", "io_1", 61, 61, 70, TaskStatus.FAILED, exit3));
        run.ok("big", "io", "io_2", 71, 72, 80, LONG_RESULT);
        TaskInstance submitted = new TaskInstance(new InstanceId("compile/io", 0), "compile/io-1", null, "io", null,
                AT);
        run.add(new TaskOutcome(submitted, TaskStatus.OK, 7, null,
                List.of(attempt(1, "io", "io_1", 5, 6, 9, TaskStatus.OK, null))));
        return run;
    }

    /** {@code items} ok instances of one fan-out, every {@code failEvery}-th failing, across two workers. */
    static ReportFixture fanOut(int items, int failEvery) {
        ReportFixture run = new ReportFixture();
        TaskSpec each = run.spec("each", 5, false);
        for (int i = 0; i < items; i++) {
            boolean fails = failEvery > 0 && i % failEvery == failEvery - 1;
            TaskStatus status = fails ? TaskStatus.FAILED : TaskStatus.OK;
            long from = i / 2 * 2L;
            run.add(new TaskOutcome(instance(each, "each", i, "each[" + i + "]", i), status, fails ? null : i,
                    fails ? new IllegalStateException("item " + i) : null,
                    List.of(attempt(1, "io", "io_" + (i % 2 + 1), from, from, from + 2, status,
                            fails ? new IllegalStateException("item " + i) : null))));
        }
        run.end = ms(items + 10);
        return run;
    }

    /**
     * A fan-out of {@code items} that all ran on one worker, each from a random nanosecond of the run's first 400 ms
     * for 1 to 61 ms: a band whose attempts cross the edges of its buckets, all within the run.
     */
    static ReportFixture longAttempts(int items, long seed) {
        ReportFixture run = new ReportFixture();
        java.util.Random random = new java.util.Random(seed);
        TaskSpec each = run.spec("each", 5, false);
        for (int i = 0; i < items; i++) {
            long started = START + random.nextInt(400_000_000);
            long ended = started + 1_000_000 + random.nextInt(60_000_000);
            run.add(new TaskOutcome(instance(each, "each", i, "each[" + i + "]", i), TaskStatus.OK, i, null,
                    List.of(new AttemptRecord(1, "io", "io_1", started, started, ended, TaskStatus.OK, null))));
        }
        return run;
    }

    /**
     * Instances that finish far from the order of the run's result, on lanes that try the timeline's layout: a
     * fan-out of 5,000 items on three workers with more failures than {@link Timeline#FAILURE_ROWS}, retries that end
     * on another worker and instances never started; a fan-out with exactly {@link Timeline#BAND_OVER} items on one
     * worker and one more on another; a skipped task; work submitted from code under a declared task's name, and on
     * two executors the job does not declare, the one submitted first named last. Instants are drawn at random from
     * {@code seed}, to the nanosecond, so that a band's sums depend on the order they are added in.
     */
    static ReportFixture tangled(long seed) {
        ReportFixture run = new ReportFixture();
        java.util.Random random = new java.util.Random(seed);
        TaskSpec big = run.spec("big", 10, false);
        for (int i = 0; i < 5_000; i++) {
            String worker = "io_" + (1 + random.nextInt(3));
            long submitted = START + random.nextInt(1_000_000_000);
            long started = submitted + random.nextInt(50_000_000);
            long ended = started + random.nextInt(200_000_000);
            List<AttemptRecord> attempts = new ArrayList<>();
            TaskStatus status = random.nextInt(2) == 0 ? TaskStatus.FAILED : TaskStatus.OK;
            if (i % 100 == 7) {
                status = TaskStatus.CANCELLED;
                attempts.add(new AttemptRecord(1, "io", null, submitted, AttemptRecord.NEVER, ended, status, null));
            } else if (i % 10 == 3) {
                attempts.add(new AttemptRecord(1, "io", "io_" + (1 + random.nextInt(3)), submitted, started, ended,
                        TaskStatus.FAILED, new IllegalStateException("first try")));
                attempts.add(new AttemptRecord(2, "io", worker, ended, ended + 1, ended + random.nextInt(9_000_000),
                        status, null));
            } else {
                attempts.add(new AttemptRecord(1, "io", worker, submitted, started, ended, status, null));
            }
            run.add(new TaskOutcome(instance(big, "big", i, "big[" + i + "]", i), status, null,
                    status == TaskStatus.FAILED ? new IllegalStateException("item " + i) : null, attempts));
        }
        TaskSpec small = run.spec("small", 11, false);
        for (int i = 0; i < 2 * Timeline.BAND_OVER + 1; i++) {
            long from = START + i / 2 * 2_000_000L;
            run.add(new TaskOutcome(instance(small, "small", i, "small[" + i + "]", i), TaskStatus.OK, i, null,
                    List.of(new AttemptRecord(1, "io", i < Timeline.BAND_OVER ? "io_1" : "io_2", from, from,
                            from + 3_000_000 + random.nextInt(1_000_000), TaskStatus.OK, null))));
        }
        run.single("edge", "io", true, TaskStatus.SKIPPED, null, new RunnerDecision("skipped: nothing to do"));
        int submissions = 0;
        for (int i = 0; i < 2; i++) {
            run.submitted("zz", "adhoc0", "adhoc0_1", submissions++, random);
        }
        for (int i = 0; i < 3; i++) {
            run.submitted("small", "io", "io_2", submissions++, random);
        }
        for (int i = 0; i < Timeline.BAND_OVER + 10; i++) {
            run.submitted("fetch", "adhoc", "adhoc_1", submissions++, random);
        }
        run.end = START + 1_300_000_000L;
        return run;
    }

    private void submitted(String label, String executor, String worker, int number, java.util.Random random) {
        long submitted = START + random.nextInt(1_000_000_000);
        TaskInstance row = new TaskInstance(new InstanceId(label, number), label + "-" + number, null, executor, null,
                AT);
        add(new TaskOutcome(row, TaskStatus.OK, number, null, List.of(new AttemptRecord(1, executor, worker,
                submitted, submitted + 10, submitted + 10 + random.nextInt(90_000_000), TaskStatus.OK, null))));
    }

    /** {@link #events()} with the tasks told in the order they ended, as a run tells them. */
    List<RunEvent> eventsAsFinished() {
        List<RunEvent> events = new ArrayList<>(events());
        List<RunEvent> tasks = new ArrayList<>(events.subList(1, 1 + outcomes.size()));
        tasks.sort(java.util.Comparator.comparingLong(RunEvent::at));
        for (int i = 0; i < tasks.size(); i++) {
            events.set(1 + i, tasks.get(i));
        }
        return events;
    }

    /** A task whose first attempt was lost with its cluster member and whose second, on another member, succeeded. */
    static ReportFixture lostAttempt() {
        ReportFixture run = new ReportFixture();
        TaskSpec spec = run.spec("hold", 40, false);
        RunnerDecision left = new RunnerDecision("its worker 10.0.0.8:5701 left while it ran");
        run.add(new TaskOutcome(new TaskInstance(InstanceId.single("hold"), "hold", spec, "io", null,
                spec.position()), TaskStatus.OK, "held", null, List.of(
                        attempt(1, "io", "10.0.0.8:5701", 0, 1, 20, TaskStatus.LOST, left),
                        attempt(2, "io", "10.0.0.7:5701", 20, 20, 30, TaskStatus.OK, null))));
        return run;
    }

    /** A task that ran and one the command line did not select. */
    static ReportFixture notSelected() {
        ReportFixture run = new ReportFixture();
        run.ok("build", "io", "io_1", 0, 1, 5, "built");
        run.single("deploy", "io", false, TaskStatus.NOT_SELECTED, null, null);
        return run;
    }

    /** A task that ran, and one whose result a resumed run reused. */
    static ReportFixture cached() {
        ReportFixture run = new ReportFixture();
        run.ok("build", "io", "io_1", 0, 1, 5, "built");
        run.single("test", "io", false, TaskStatus.CACHED, "passed before", null);
        return run;
    }

    /** One shell task that printed {@code stdout} and succeeded. */
    static ReportFixture shellPrinted(String stdout) {
        ReportFixture run = new ReportFixture();
        run.single("chatty", "io", false, TaskStatus.OK, new ShellResult(0, stdout, ""), null,
                attempt(1, "io", "io_1", 0, 1, 2, TaskStatus.OK, null));
        return run;
    }

    ReportFixture stoppedBy(StopCause cause) {
        this.stopCause = cause;
        return this;
    }

    RunResult result() {
        Job job = new Job(FILE, "a build", Map.of("user", "ann", "token", SECRET), EXECUTORS, specs,
                JobCallbacks.none(), null, HaltPolicy.RUN_ALL);
        return new RunResult(job, outcomes, Duration.ofNanos(end - START), stopCause, List.of());
    }

    /** Every event of the run, in order, as the interpreter would publish them. */
    List<RunEvent> events() {
        List<RunEvent> events = new ArrayList<>();
        events.add(new RunEvent.JobStarted(START, WALL, FILE, List.of(), List.of(), EXECUTORS,
                new RunIdentity(RUN_ID, SHA)));
        for (TaskOutcome outcome : outcomes) {
            List<AttemptRecord> history = outcome.history();
            long at = history.isEmpty() ? ms(100) : history.get(history.size() - 1).ended();
            events.add(new RunEvent.TaskFinished(at, outcome));
        }
        events.add(new RunEvent.Warning(end, "a callback threw: leaked " + SECRET));
        events.add(new RunEvent.JobFinished(end, result()));
        return events;
    }

    /** What the run's events go through before any listener: its token parameter and {@link #SECRET} masked. */
    static final SecretMask MASK = new SecretMask(Secrets.ofParams(Map.of("token", SECRET))
            .and(Secrets.of(List.of(SECRET))));

    /** Feeds the run to {@code listener}, masked as a run masks its events. */
    void feed(RunListener listener) {
        events().forEach(event -> listener.onEvent(MASK.apply(event)));
    }

    /** Writes the report {@code format} of this run to {@code file}, the secret masked. */
    Path write(String format, Path file) {
        feed(Reports.STANDARD.create(format, settings().to(ReportTarget.replacing(file.toString()))));
        return file;
    }

    static ReportSettings settings() {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new ReportSettings(nowhere, nowhere, new ReportStyle(false, true, false), Ticker.FROZEN, null);
    }

    static long ms(double millis) {
        return START + Math.round(millis * 1_000_000);
    }

    private void ok(String name, String executor, String worker, long submitted, long started, long ended,
                    Object result) {
        single(name, executor, false, TaskStatus.OK, result, null,
                attempt(1, executor, worker, submitted, started, ended, TaskStatus.OK, null));
    }

    private void single(String name, String executor, boolean optional, TaskStatus status, Object result,
                        Throwable error, AttemptRecord... attempts) {
        TaskSpec spec = spec(name, 30 + specs.size(), optional);
        add(new TaskOutcome(new TaskInstance(InstanceId.single(name), name, spec, executor, null, spec.position()),
                status, result, error, List.of(attempts)));
    }

    private TaskSpec spec(String name, int line, boolean optional) {
        TaskSpec spec = new TaskSpec(name, "io", new TaskBody.Code(c -> null), null, RetryPolicy.none(), List.of(),
                null, null, optional, TaskCallbacks.none(), new SourcePosition(FILE, line, 1));
        specs.add(spec);
        return spec;
    }

    private void add(TaskOutcome outcome) {
        outcomes.add(outcome);
    }

    private static TaskInstance instance(TaskSpec spec, String name, int item, String display, Object value) {
        return new TaskInstance(new InstanceId(name, item), display, spec, "io", value, spec.position());
    }

    private static AttemptRecord attempt(int number, String executor, String worker, long submitted, long started,
                                         long ended, TaskStatus status, Throwable error) {
        return new AttemptRecord(number, executor, worker, ms(submitted), ms(started), ms(ended), status, error);
    }

    /** An error whose stack passes through the job file at {@code line}, as a closure's does. */
    private static IllegalStateException atLine(String message, int line) {
        IllegalStateException error = new IllegalStateException(message);
        error.setStackTrace(new StackTraceElement[] {new StackTraceElement("Script1", "run", "build.v2.groovy",
                line)});
        return error;
    }
}
