package io.jobrun.report;

import io.jobrun.job.Durations;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.AttemptStarts;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Prints the summary when the run ends: the table ({@link SummaryTable}), totals, timings, then a block per failed
 * task (a large fan-out shows its first few), the warnings, and why the run stopped early.
 */
public final class SummaryReport implements RunListener {
    /** Registered as "summary". */
    static final class Kind implements ReportKind {
        @Override
        public String name() {
            return "summary";
        }

        @Override
        public RunListener create(ReportSettings settings) {
            return new SummaryReport(settings.out(), settings.style());
        }
    }

    private final PrintStream out;
    private final ReportStyle style;
    /** Warnings seen during the run: callbacks that threw, other reports that failed. */
    private final Set<String> warnings = new LinkedHashSet<>();
    /** Whether the run's summary is printed: a warning after it is printed at once. */
    private boolean printed;
    /** The run's tasks counted as they finished; null before its start. */
    private SummaryTally tally;

    public SummaryReport(PrintStream out, ReportStyle style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.Warning warning) {
            if (printed) {
                warning(warning.message()); // NOTE: a report file that failed as it was finished, beside this
            } else {
                warnings.add(warning.message());
            }
        } else if (event instanceof RunEvent.TaskFinished finished) {
            if (tally != null) {
                tally.add(finished.outcome());
            }
        } else if (event instanceof RunEvent.JobStarted) {
            tally = new SummaryTally();
        } else if (event instanceof RunEvent.JobFinished finished) {
            print(finished.result());
            printed = true;
        }
    }

    /** It reads tasks as they end, with their attempts. */
    @Override
    public AttemptStarts attemptStarts() {
        return AttemptStarts.NONE;
    }

    /**
     * The summary is printed while the report files are finished: its tables are the longest part of the end of a
     * large run. A report file that fails then is a warning printed after the summary rather than in it.
     */
    @Override
    public boolean endsOnItsOwn() {
        return true;
    }

    private void warning(String message) {
        out.println((style.emoji() ? "⚠️  " : "[warning] ") + Text.printable(message));
    }

    void print(RunResult result) {
        // NOTE: what was counted as the tasks finished, unless it missed some (the summary was told of the run late)
        SummaryTally counted = tally != null && tally.counted(result) ? tally : SummaryTally.of(result.outcomes());
        tally = null;
        out.println();
        if (!style.quiet()) {
            new SummaryTable(style).print(result.outcomes(), out);
            out.println();
        }
        out.println(totals(result, counted));
        out.println(timings(result, counted));
        for (TaskSpec empty : counted.withoutItems(result.job())) {
            // NOTE: no row says so otherwise: a glob that matched nothing would pass unseen
            String source = empty.over().readWhenReady() ? " (over " + empty.over().what() + ")" : "";
            out.println(Text.printable(empty.name() + " had no items, so it ran nothing" + source));
        }
        if (counted.extraAccess()) {
            for (String line : extraAccess(result.outcomes())) {
                out.println(line);
            }
        }
        if (counted.lostAttempt()) {
            for (String line : lostAttempts(result.outcomes())) {
                out.println(line);
            }
        }
        if (style.verbose() && !style.liveOutput()) {
            successOutput(result.outcomes());
        } else if (!style.quiet() && !style.liveOutput()) {
            unshownOutput(result.outcomes()).ifPresent(out::println);
        }
        if (counted.failure()) {
            failureBlocks(result);
        }
        warnings.addAll(result.warnings());
        warnings.forEach(this::warning);
        if (style.results()) {
            results(result.outcomes());
        }
        if (result.interrupted()) {
            out.println(result.stopCause().headline() + ": pending tasks were cancelled and running ones stopped.");
        } else if (result.timedOut()) {
            out.println("The job timed out after " + Durations.describe(result.job().timeout()) + ".");
        }
    }

    /** {@code --verbose}: what each successful task printed (a failed one's is in its failure block). */
    private void successOutput(List<TaskOutcome> outcomes) {
        for (TaskOutcome outcome : outcomes) {
            if (outcome.status() == TaskStatus.OK && !outcome.output().isEmpty()) {
                out.println();
                out.println("Output of " + Text.printable(outcome.task().name()) + ":");
                for (String line : outcome.output()) {
                    out.println("  | " + Text.printable(line));
                }
            }
        }
    }

    /**
     * Where what successful code printed is, when the summary leaves it out: a task whose closure or script only
     * prints (a report of the results, say) otherwise seems to have printed nothing. A shell task's output is its
     * result, in the table already.
     */
    private static Optional<String> unshownOutput(List<TaskOutcome> outcomes) {
        List<String> printed = new ArrayList<>();
        for (TaskOutcome outcome : outcomes) {
            if (outcome.status() == TaskStatus.OK && !outcome.output().isEmpty()
                    && !(outcome.task().spec().body().untemplated() instanceof TaskBody.Shell)) {
                printed.add(outcome.task().name());
            }
        }
        if (printed.isEmpty()) {
            return Optional.empty();
        }
        String who = printed.size() == 1 ? printed.get(0) : printed.size() + " tasks ("
                + String.join(", ", printed.subList(0, Math.min(3, printed.size())))
                + (printed.size() > 3 ? ", ..." : "") + ")";
        return Optional.of(Text.printable(who + " printed lines not shown here: --verbose shows them after the"
                + " table, --output as they are printed"));
    }

    /**
     * {@code --results}: each successful task's whole result, a line of its own under its name, so that what the
     * table cut to one line can be read (and copied) in full.
     */
    private void results(List<TaskOutcome> outcomes) {
        out.println();
        out.println("Results:");
        for (TaskOutcome outcome : outcomes) {
            if (outcome.status() != TaskStatus.OK) {
                continue;
            }
            out.println("  " + Text.printable(outcome.task().name()) + ":");
            for (String line : String.valueOf(outcome.result()).split("\\R", -1)) {
                out.println("    " + Text.printable(line));
            }
        }
    }

    /** A block per failed task; a summed-up group shows its first few and says how many more there are. */
    private void failureBlocks(RunResult result) {
        FailureBlock block = new FailureBlock(out, style, result.job().file());
        for (SummaryTable.Group group : SummaryTable.groups(result.outcomes())) {
            List<TaskOutcome> failures = group.failures();
            int shown = group.summedUp(style) ? Math.min(SummaryTable.FAILURES_SHOWN, failures.size())
                    : failures.size();
            for (TaskOutcome failure : failures.subList(0, shown)) {
                block.print(failure);
            }
            if (shown < failures.size()) {
                out.println();
                out.println("... and " + (failures.size() - shown) + " more failed in " + group.name()
                        + " (--verbose shows them all)");
            }
        }
    }

    /**
     * "Script access beyond the sandbox: read-config (python: files, environment)": one line per declared task whose
     * script the job granted more than the sandbox, so a reader of the report sees it without reading the job.
     */
    static List<String> extraAccess(List<TaskOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (TaskOutcome outcome : outcomes) {
            TaskSpec spec = outcome.task().spec();
            TaskBody.Script script = beyondTheSandbox(spec);
            if (script != null && seen.add(spec.name())) {
                lines.add("Script access beyond the sandbox: " + spec.name() + " (" + script.language() + ": "
                        + String.join(", ", script.allow()) + ")");
            }
        }
        return lines;
    }

    /** The script of {@code spec} when the job granted it more than the sandbox; else (or for no spec) null. */
    static TaskBody.Script beyondTheSandbox(TaskSpec spec) {
        return spec != null && spec.body() instanceof TaskBody.Script script && script.extraAccess() ? script : null;
    }

    /**
     * "Lost with a member: hold: attempt 2 on 10.0.0.7:5701 after 10.0.0.8:5701 left": one line per attempt that ran
     * again because its worker left, so that a reader sees which tasks ran more than once and where.
     */
    static List<String> lostAttempts(List<TaskOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        for (TaskOutcome outcome : outcomes) {
            List<AttemptRecord> history = outcome.history();
            for (int i = 0; i < history.size(); i++) {
                AttemptRecord attempt = history.get(i);
                if (attempt.status() == TaskStatus.LOST) {
                    String next = i + 1 < history.size() ? " on " + history.get(i + 1).worker() : "";
                    lines.add("Lost with a member: " + Text.printable(outcome.task().name()) + ": attempt "
                            + (attempt.number() + 1) + next + " after " + attempt.worker() + " left");
                }
            }
        }
        return lines;
    }

    /**
     * "12 tasks: 9 ok, 2 failed (1 optional), 1 skipped; 3 not selected": every row counted once, optional failures
     * as failed.
     */
    static String totals(RunResult result) {
        return totals(result, SummaryTally.of(result.outcomes()));
    }

    private static String totals(RunResult result, SummaryTally tally) {
        int notSelected = tally.count(TaskStatus.NOT_SELECTED);
        int total = result.outcomes().size() - notSelected;
        List<String> parts = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            int count = tally.count(status);
            if ((count > 0 || status == TaskStatus.OK) && status != TaskStatus.NOT_SELECTED) {
                int optional = tally.optional(status);
                parts.add(count + " " + status.word()
                        + (status.isFailure() && optional > 0 ? " (" + optional + " optional)" : ""));
            }
        }
        // NOTE: rows left out by the selection are no part of the run: counted apart, never as skipped.
        return total + (total == 1 ? " task: " : " tasks: ") + String.join(", ", parts)
                + (notSelected == 0 ? "" : "; " + notSelected + " not selected");
    }

    static String timings(RunResult result) {
        return timings(result, SummaryTally.of(result.outcomes()));
    }

    private static String timings(RunResult result, SummaryTally tally) {
        Duration wall = result.wallTime();
        Duration taskTime = Duration.ofNanos(tally.runNanos());
        String speedUp = wall.isZero() ? "n/a"
                : Numbers.fixed(taskTime.toNanos() / (double) wall.toNanos(), 1) + "x";
        long ran = result.outcomes().size() - tally.count(TaskStatus.NOT_SELECTED);
        String throughput = wall.isZero() ? "n/a"
                : Numbers.fixed(ran / (wall.toNanos() / 1e9), 2) + " tasks/s";
        return "Wall time: " + Durations.format(wall) + "   Task time: " + Durations.format(taskTime)
                + "   Speed up: " + speedUp + "   Throughput: " + throughput;
    }
}
