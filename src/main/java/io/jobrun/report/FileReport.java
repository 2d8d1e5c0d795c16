package io.jobrun.report;

import io.jobrun.job.text.IoReasons;
import io.jobrun.run.AttemptStarts;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes one report file from a run's events, in its {@link ReportFormat}: the file opens when the run starts, each
 * task goes in as it finishes, and when the run ends (whether it succeeded, failed, timed out or was interrupted) the
 * file is finished and put in place atomically ({@link ReportOut}).
 *
 * <p>One listener serves every run of an invocation: a format that {@link ReportFormat#holdsSeveralRuns() holds
 * several runs} rewrites its file with each run added, so the file is complete after every run. A file that cannot
 * be written fails once, as one warning; the run goes on.
 */
public final class FileReport implements RunListener {
    /** Registers {@code format} by its name. */
    static ReportKind kind(ReportFormat format) {
        return new Kind(format);
    }

    private record Kind(ReportFormat format) implements ReportKind {
        @Override
        public String name() {
            return format.name();
        }

        @Override
        public boolean writesFile() {
            return true;
        }

        @Override
        public boolean holdsSeveralRuns() {
            return format.holdsSeveralRuns();
        }

        @Override
        public RunListener create(ReportSettings settings) {
            if (settings.target() == null) {
                throw new IllegalArgumentException("the " + format.name() + " report needs a file (--report "
                        + format.name() + "=PATH)");
            }
            return new FileReport(format, settings.target());
        }
    }

    private final ReportFormat format;
    /**
     * The format's {@link ReportFormat#folds()} and {@link ReportFormat#writesEachTask()}, asked once: asked per task,
     * an interface call with a receiver of five classes is a look-up each at 100,000 tasks.
     */
    private final boolean folding;
    private final boolean writesEachTask;
    private final ReportFormat.Writing writing;
    private final ReportTarget target;
    /** The run in progress: its start, its file, and whether writing it failed. */
    private RunStart start;
    private Path path;
    private ReportOut out;
    private final List<String> warnings = new ArrayList<>();
    /** When each task that never had an attempt was given its status; the others' instants are in their attempts. */
    private final Map<InstanceId, Long> unattempted = new HashMap<>();
    /** How many tasks ended with each status, by its ordinal: a boxed count per task cost more than the count. */
    private final int[] counts = new int[TaskStatus.values().length];
    /** The folds of this run, when the format folds; shared with the run's other files that fold. */
    private RunFolds folds;

    FileReport(ReportFormat format, ReportTarget target) {
        this.format = Objects.requireNonNull(format, "format");
        this.writing = format.writing();
        this.folding = format.folds();
        this.writesEachTask = format.writesEachTask();
        this.target = Objects.requireNonNull(target, "target");
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.JobStarted started -> begin(started);
            case RunEvent.TaskFinished finished -> task(finished);
            case RunEvent.Warning warning -> warnings.add(warning.message());
            case RunEvent.JobFinished finished -> end(finished);
            default -> {
            }
        }
    }

    /** It reads tasks as they end, with their attempts. */
    @Override
    public AttemptStarts attemptStarts() {
        return AttemptStarts.NONE;
    }

    /** Its file is its own: the end of a large run writes every report file at once. */
    @Override
    public boolean endsOnItsOwn() {
        return true;
    }

    private void begin(RunEvent.JobStarted started) {
        start = new RunStart(started.file(), started.identity(), started.wallClock(), started.at(),
                started.executors());
        warnings.clear();
        unattempted.clear();
        Arrays.fill(counts, 0);
        folds = folding ? RunFolds.of(started) : null;
        path = target.resolve(started.file());
        attempt(() -> {
            out = ReportOut.open(path, target.append());
            writing.begin(start, out);
        });
    }

    private void task(RunEvent.TaskFinished finished) {
        TaskOutcome outcome = finished.outcome();
        counts[outcome.status().ordinal()]++;
        if (outcome.history().isEmpty()) {
            unattempted.put(outcome.task().id(), finished.at());
        }
        if (folds != null && folds.fold(finished)) {
            return;
        }
        if (out != null && writesEachTask) {
            // NOTE: not through attempt(): a lambda per task and format is an object each at 100,000 tasks
            try {
                writing.task(new ReportedTask(outcome, start, finished.at()), out);
            } catch (IOException | RuntimeException e) {
                throw failed(e);
            }
        }
    }

    private void end(RunEvent.JobFinished finished) {
        if (out == null) {
            return; // failed already, and said so
        }
        List<String> all = new ArrayList<>();
        all.addAll(finished.result().warnings());
        for (String warning : warnings) {
            if (!all.contains(warning)) {
                all.add(warning);
            }
        }
        Map<TaskStatus, Integer> byStatus = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            if (counts[status.ordinal()] > 0) {
                byStatus.put(status, counts[status.ordinal()]);
            }
        }
        RunStart run0 = start;
        Map<InstanceId, Long> unrun = new HashMap<>(unattempted);
        FinishedRun run = new FinishedRun(start, finished.result(), finished.at(), all, byStatus,
                folds == null ? List.of() : folds.all(), () -> {
            List<ReportedTask> tasks = new ArrayList<>(finished.result().outcomes().size());
            for (TaskOutcome outcome : finished.result().outcomes()) {
                long at = unrun.isEmpty() ? finished.at() : unrun.getOrDefault(outcome.task().id(), finished.at());
                tasks.add(new ReportedTask(outcome, run0, at));
            }
            return tasks;
        });
        attempt(() -> {
            writing.end(run, out);
            out.commit();
        });
        out = null;
    }

    /** One step of writing; the first that fails closes the file (removing a temporary one) and is the warning. */
    private void attempt(Step step) {
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
    }

    /** Writing failed with {@code e}: the file is closed (a temporary one removed); the warning to throw. */
    private UncheckedIOException failed(Exception e) {
        ReportOut failed = out;
        out = null;
        if (failed != null) {
            try {
                failed.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
        }
        return new UncheckedIOException("could not write the " + format.name() + " report " + path + ": "
                + IoReasons.reason(e),
                e instanceof IOException io ? io : new IOException(e));
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }
}
