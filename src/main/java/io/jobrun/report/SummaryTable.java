package io.jobrun.report;

import io.jobrun.job.Durations;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.ErrorText;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The summary's table: a row per task, except that a fan-out with more than a screenful of items (and the work that
 * tasks submitted, when there is that much of it) is one line of counts and times followed by its failed items, up
 * to a limit. With {@link ReportStyle#verbose()} every row is printed.
 */
final class SummaryTable {
    /** A group with more rows than this is summed up in one line. */
    static final int SCREENFUL = 20;
    /** How many failed rows (and failure blocks) a summed-up group still shows. */
    static final int FAILURES_SHOWN = 10;
    /** The RESULT column is never narrower than this, however wide the other columns are. */
    private static final int MIN_RESULT_WIDTH = 20;
    /** What a row keeps of a result's first line before the table knows its width. */
    private static final int MAX_RESULT_WIDTH = 4096;
    /** The first of these that a summed-up group has gives its indicator. */
    private static final List<TaskStatus> WORST_FIRST = List.of(TaskStatus.LEAKED, TaskStatus.TIMEOUT,
            TaskStatus.FAILED, TaskStatus.CANCELLED, TaskStatus.SKIPPED, TaskStatus.OK, TaskStatus.CACHED,
            TaskStatus.NOT_SELECTED);

    private final ReportStyle style;

    SummaryTable(ReportStyle style) {
        this.style = style;
    }

    /** The rows of one fan-out, or of all submitted work, or one declared task; in report order. */
    record Group(String name, List<TaskOutcome> outcomes) {
        boolean summedUp(ReportStyle style) {
            return !style.verbose() && outcomes.size() > SCREENFUL;
        }

        List<TaskOutcome> failures() {
            return outcomes.stream().filter(o -> o.status().isFailure()).toList();
        }
    }

    /** Splits outcomes into groups: consecutive items of one fan-out, all submitted work, and single tasks. */
    static List<Group> groups(List<TaskOutcome> outcomes) {
        List<Group> groups = new ArrayList<>();
        List<TaskOutcome> submitted = new ArrayList<>();
        TaskSpec current = null;
        List<TaskOutcome> items = null;
        for (TaskOutcome outcome : outcomes) {
            TaskSpec spec = outcome.task().spec();
            if (spec == null) {
                submitted.add(outcome);
                continue;
            }
            if (spec != current || !spec.fansOut()) {
                items = new ArrayList<>();
                groups.add(new Group(spec.name(), items));
                current = spec;
            }
            items.add(outcome);
        }
        if (!submitted.isEmpty()) {
            groups.add(new Group("submitted work", submitted));
        }
        return groups;
    }

    void print(List<TaskOutcome> outcomes, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "TASK", "EXECUTOR", "STATUS", "ATTEMPTS", "TIME", "RESULT"});
        for (Group group : groups(outcomes)) {
            if (!group.summedUp(style)) {
                group.outcomes().forEach(outcome -> rows.add(row(outcome)));
                continue;
            }
            rows.add(summedUp(group));
            List<TaskOutcome> failures = group.failures();
            for (TaskOutcome failure : failures.subList(0, Math.min(FAILURES_SHOWN, failures.size()))) {
                rows.add(row(failure));
            }
            if (failures.size() > FAILURES_SHOWN) {
                rows.add(new String[] {"", "... and " + (failures.size() - FAILURES_SHOWN) + " more failed", "", "",
                    "", "", ""});
            }
        }
        printAligned(rows, style.width(), out);
    }

    private String[] row(TaskOutcome o) {
        String shown = o.status().succeeded() ? String.valueOf(o.result()) : ErrorText.of(o.error());
        return new String[] {o.status().indicator(style.emoji()), Text.printable(o.task().name()), o.task().executor(),
            o.status().word() + (o.task().optional() && o.status().isFailure() ? " (optional)" : ""),
            String.valueOf(o.attempts()), Durations.format(o.runTime()), Text.cell(shown, MAX_RESULT_WIDTH)};
    }

    /** "analyze[1000 items]  io  997 ok, 3 failed  1003  min 0.01s, median 0.02s, max 0.50s". */
    private String[] summedUp(Group group) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        int size = group.outcomes().size();
        long[] times = new long[size];
        long attempts = 0;
        for (int i = 0; i < size; i++) {
            TaskOutcome outcome = group.outcomes().get(i);
            counts.merge(outcome.status(), 1, Integer::sum);
            times[i] = outcome.runNanos();
            attempts += outcome.attempts();
        }
        // NOTE: the least, middle and greatest time without a sort, nor a Duration each: 100,000 items in a large run
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long time : times) {
            min = Math.min(min, time);
            max = Math.max(max, time);
        }
        Folded.select(times, size, size / 2);
        List<String> parts = new ArrayList<>();
        counts.forEach((status, count) -> parts.add(count + " " + status.word()));
        TaskStatus worst = WORST_FIRST.stream().filter(counts::containsKey).findFirst().orElseThrow();
        TaskOutcome first = group.outcomes().get(0);
        String name = first.task().submitted() ? group.name() + " (" + size + " tasks)"
                : group.name() + "[" + size + " items]";
        String time = "min " + Durations.format(Duration.ofNanos(min)) + ", median "
                + Durations.format(Duration.ofNanos(times[size / 2])) + ", max "
                + Durations.format(Duration.ofNanos(max));
        return new String[] {worst.indicator(style.emoji()), name, first.task().submitted() ? "" : first.task().executor(),
            String.join(", ", parts), String.valueOf(attempts), time, ""};
    }

    /** The rows in columns; the last column (RESULT) gets what the others leave of {@code width}. */
    private static void printAligned(List<String[]> rows, int width, PrintStream out) {
        int[] widths = new int[7];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].codePointCount(0, row[i].length()));
            }
        }
        int resultWidth = width;
        for (int i = 0; i < widths.length - 1; i++) {
            resultWidth -= widths[i] + 2;
        }
        resultWidth = Math.max(MIN_RESULT_WIDTH, resultWidth);
        for (String[] row : rows) {
            row[row.length - 1] = Text.fit(row[row.length - 1], resultWidth);
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
}
