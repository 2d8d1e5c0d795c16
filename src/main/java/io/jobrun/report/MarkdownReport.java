package io.jobrun.report;

import io.jobrun.job.Durations;
import io.jobrun.run.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code --report markdown=PATH}, and what {@code bin/jobrun} adds to {@code $GITHUB_STEP_SUMMARY} when that is set:
 * the run in Markdown, for a CI page. Counts, the failed tasks first with their errors and job-file lines, then the
 * slowest tasks. GitHub refuses a step summary over 1 MiB, so the text stops short of {@link #LIMIT} with what is
 * already in the file counted, saying how many rows it left out.
 */
final class MarkdownReport implements ReportFormat {
    /** GitHub's limit for one step's summary. */
    static final long LIMIT = 1 << 20;
    /** Room kept for the lines after the failed tasks (the slowest tasks, the "and N more" line). */
    private static final int RESERVE = 8 * 1024;
    static final int FAILED_ROWS = 100;
    static final int SLOWEST_ROWS = 10;
    private static final int CELL = 300;

    @Override
    public String name() {
        return "markdown";
    }

    @Override
    public boolean writesEachTask() {
        return false;
    }

    @Override
    public Writing writing() {
        return (run, out) -> {
            long budget = LIMIT - out.existing() - 1;
            String text = summary(run, budget);
            if (utf8(text) <= budget) {
                out.text.append(text);
            }
        };
    }

    /** The summary, at most {@code budget} bytes (or just its headline when even the table does not fit). */
    static String summary(FinishedRun run, long budget) {
        Map<TaskStatus, Integer> counts = run.counts();
        StringBuilder text = new StringBuilder();
        text.append("### ").append(run.ok() ? "✅" : "❌").append(" jobrun ").append(cell(run.file()))
                .append(": ").append(totals(run, counts)).append("\n\n");
        text.append("Wall time ").append(Durations.format(Duration.ofNanos(Math.round(run.wallMillis() * 1e6))))
                .append(" · exit ").append(run.exitCode())
                .append(run.stopCause() == null ? "" : " · stopped: " + run.stopCause())
                .append(" · run `").append(run.identity().runId()).append("`\n\n");
        String headline = text.toString();
        for (String warning : run.warnings()) {
            text.append("> ⚠️ ").append(cell(warning)).append("\n");
        }
        if (!run.warnings().isEmpty()) {
            text.append('\n');
        }
        failed(run, budget - RESERVE, text);
        slowest(run, text);
        return utf8(text) <= budget ? text.toString() : headline;
    }

    private static String totals(FinishedRun run, Map<TaskStatus, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> {
            if (count > 0 || status == TaskStatus.OK) {
                parts.add(count + " " + status.word());
            }
        });
        return run.total() + (run.total() == 1 ? " task: " : " tasks: ") + String.join(", ", parts);
    }

    private static void failed(FinishedRun run, long budget, StringBuilder text) {
        List<ReportedTask> failed = run.tasks().stream().filter(t -> t.status().isFailure()).toList();
        if (failed.isEmpty()) {
            return;
        }
        text.append("#### Failed\n\n| task | status | error | at |\n|---|---|---|---|\n");
        int shown = 0;
        long used = utf8(text);
        for (ReportedTask task : failed) {
            ErrorFacts error = task.error();
            String row = "| " + code(task.name()) + " | " + task.status().word()
                    + (task.instance().optional() ? " (optional)" : "") + " | "
                    + cell(error == null ? "" : error.message()) + " | " + code(error == null ? task.definedAt()
                    : error.at()) + " |\n";
            used += utf8(row);
            if (shown == FAILED_ROWS || used > budget) {
                break;
            }
            text.append(row);
            shown++;
        }
        if (shown < failed.size()) {
            text.append("\n… and ").append(failed.size() - shown).append(" more failed (see the JSON or JUnit report)\n");
        }
        text.append('\n');
    }

    private static void slowest(FinishedRun run, StringBuilder text) {
        List<ReportedTask> ran = run.tasks().stream().filter(t -> !t.attempts().isEmpty())
                .sorted(Comparator.comparingLong(ReportedTask::runNanos).reversed()).limit(SLOWEST_ROWS).toList();
        if (ran.isEmpty()) {
            return;
        }
        text.append("#### Slowest tasks\n\n| task | time | status | attempts |\n|---|---|---|---|\n");
        for (ReportedTask task : ran) {
            text.append("| ").append(code(task.name())).append(" | ")
                    .append(Durations.format(Duration.ofNanos(task.runNanos()))).append(" | ")
                    .append(task.status().word()).append(" | ").append(task.attempts().size()).append(" |\n");
        }
        text.append('\n');
    }

    /** Text for a table cell: one line, no pipe or HTML that would break the table, at most {@value #CELL} chars. */
    static String cell(String text) {
        String line = Preview.cut(text == null ? "" : text, CELL).replace('\n', ' ').replace('\r', ' ');
        StringBuilder safe = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '|' -> safe.append("\\|");
                case '<' -> safe.append("&lt;");
                case '>' -> safe.append("&gt;");
                case '&' -> safe.append("&amp;");
                case '`', '*', '_', '[', ']', '\\' -> safe.append('\\').append(c);
                default -> safe.append(c < 0x20 ? ' ' : c);
            }
        }
        return safe.toString();
    }

    /** A name or place as code, when no backtick in it would end the code span early. */
    private static String code(String text) {
        String line = Preview.cut(text, CELL).replace('\n', ' ').replace('\r', ' ');
        return line.indexOf('`') < 0 ? "`" + line.replace("|", "\\|") + "`" : cell(line);
    }

    private static long utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
