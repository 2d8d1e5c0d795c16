package io.jobrun.report;

import io.jobrun.job.Durations;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.ErrorText;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunListener;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints the summary when the run ends: a row per task, totals, timings, then a block per failed task. */
public final class SummaryReport implements RunListener {
    private static final int RESULT_WIDTH = 48;

    private final PrintStream out;
    private final ReportStyle style;

    public SummaryReport(PrintStream out, ReportStyle style) {
        this.out = out;
        this.style = style;
    }

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.JobFinished finished) {
            print(finished.result());
        }
    }

    void print(RunResult result) {
        out.println();
        if (!style.quiet()) {
            table(result.outcomes());
            out.println();
        }
        out.println(totals(result));
        out.println(timings(result));
        for (String line : extraAccess(result.outcomes())) {
            out.println(line);
        }
        for (TaskOutcome outcome : result.outcomes()) {
            if (outcome.status().isFailure()) {
                new FailureBlock(out, style, result.job().file()).print(outcome);
            }
        }
        for (String warning : result.warnings()) {
            out.println((style.emoji() ? "⚠️  " : "[warning] ") + Text.printable(warning));
        }
        if (result.interrupted()) {
            out.println(result.stopCause().headline() + ": pending tasks were cancelled and running ones stopped.");
        } else if (result.timedOut()) {
            out.println("The job timed out after " + Durations.describe(result.job().timeout()) + ".");
        }
    }

    private void table(List<TaskOutcome> outcomes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "TASK", "EXECUTOR", "STATUS", "ATTEMPTS", "TIME", "RESULT"});
        for (TaskOutcome o : outcomes) {
            String shown = o.status() == TaskStatus.OK ? String.valueOf(o.result()) : ErrorText.of(o.error());
            rows.add(new String[] {o.status().indicator(style.emoji()), Text.printable(o.task().name()),
                o.task().executor(),
                o.status().word() + (o.task().optional() && o.status().isFailure() ? " (optional)" : ""),
                String.valueOf(o.attempts()), Durations.format(o.runTime()), Text.cell(shown, RESULT_WIDTH)});
        }
        int[] widths = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                // NOTE: pad by code points: an emoji is one column wider than its chars suggest on most terminals,
                // but every indicator is in the same column, so the table stays aligned.
                int length = row[i].codePointCount(0, row[i].length());
                line.append(row[i]).append(i == row.length - 1 ? "" : " ".repeat(widths[i] - length + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /**
     * "Script access beyond the sandbox: read-config (python: files, environment)": one line per declared task whose
     * script the job granted more than the sandbox, so a reader of the report sees it without reading the job.
     */
    static List<String> extraAccess(List<TaskOutcome> outcomes) {
        List<String> lines = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (TaskOutcome outcome : outcomes) {
            TaskSpec spec = outcome.task().spec();
            if (spec != null && spec.body() instanceof TaskBody.Script script && script.extraAccess() && !seen.contains(spec.name())) {
                seen.add(spec.name());
                lines.add("Script access beyond the sandbox: " + spec.name() + " (" + script.language() + ": "
                        + String.join(", ", script.allow()) + ")");
            }
        }
        return lines;
    }

    static String totals(RunResult result) {
        StringBuilder text = new StringBuilder();
        int total = result.outcomes().size();
        text.append(total).append(total == 1 ? " task: " : " tasks: ");
        List<String> parts = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            long count = result.count(status);
            if (count > 0 || status == TaskStatus.OK) {
                parts.add(count + " " + status.word());
            }
        }
        return text.append(String.join(", ", parts)).toString();
    }

    static String timings(RunResult result) {
        Duration wall = result.wallTime();
        Duration taskTime = result.taskTime();
        String speedUp = wall.isZero() ? "n/a"
                : String.format(Locale.ROOT, "%.1fx", taskTime.toNanos() / (double) wall.toNanos());
        String throughput = wall.isZero() ? "n/a"
                : String.format(Locale.ROOT, "%.2f tasks/s", result.outcomes().size() / (wall.toNanos() / 1e9));
        return "Wall time: " + Durations.format(wall) + "   Task time: " + Durations.format(taskTime)
                + "   Speed up: " + speedUp + "   Throughput: " + throughput;
    }
}
