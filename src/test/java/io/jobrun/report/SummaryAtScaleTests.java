package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.HaltPolicy;
import io.jobrun.job.ItemSource;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A summary that reads at any size: a large fan-out is one line and its first failures; --verbose shows all. */
class SummaryAtScaleTests {
    private static final SourcePosition AT = new SourcePosition("big.groovy", 3, 1);
    private static final TaskSpec EACH = new TaskSpec("each", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of(), null, new ItemSource.Items(List.of()), false, TaskCallbacks.none(), AT);
    private static final TaskSpec REPORT = new TaskSpec("report", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of("each"), null, null, false, TaskCallbacks.none(), AT);

    /** {@code items} instances of a fan-out, every {@code failEvery}-th failing; then one plain task. */
    private static RunResult run(int items, int failEvery) {
        List<TaskOutcome> outcomes = new ArrayList<>(items + 1);
        for (int i = 0; i < items; i++) {
            boolean fails = i % failEvery == failEvery - 1;
            TaskInstance instance = new TaskInstance(new InstanceId("each", i), "each[" + i + "]", EACH, "io", i, AT);
            TaskStatus status = fails ? TaskStatus.FAILED : TaskStatus.OK;
            long millis = i % 100;
            outcomes.add(new TaskOutcome(instance, status, fails ? null : i, fails ? new IOException("no " + i)
                    : null, List.of(new AttemptRecord(1, "io", "io_1", 0, 0, millis * 1_000_000, status, null))));
        }
        TaskInstance report = new TaskInstance(InstanceId.single("report"), "report", REPORT, "io", null, AT);
        outcomes.add(new TaskOutcome(report, TaskStatus.SKIPPED, null, new IllegalStateException("skipped"),
                List.of()));
        Job job = new Job("big.groovy", null, Map.of(), List.of(), List.of(EACH, REPORT), JobCallbacks.none(), null,
                HaltPolicy.RUN_ALL);
        return new RunResult(job, outcomes, Duration.ofSeconds(2), null, List.of());
    }

    private static String summary(RunResult result, boolean verbose) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SummaryReport(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ReportStyle(false, false, false, verbose)).print(result);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHundredThousandTaskRunFitsOnAScreen() {
        String printed = summary(run(100_000, 1_000), false);
        long lines = printed.lines().count();
        assertTrue(lines < 80, () -> lines + " lines:\n" + printed);
        assertTrue(Pattern.compile("(?m)^\\[FAILED]\\s+each\\[100000 items]\\s+io\\s+99900 ok, 100 failed\\s+100000"
                + "\\s+min 0.00s, median 0.05s, max 0.10s$").matcher(printed).find(), printed);
        assertTrue(printed.contains("... and 90 more failed\n"), printed);
        assertTrue(printed.contains("... and 90 more failed in each (--verbose shows them all)"), printed);
        assertTrue(printed.contains("100001 tasks: 99900 ok, 100 failed, 1 skipped"), printed);
    }

    @Test
    void theFirstFailedItemsOfALargeFanOutAreListedUpToTheLimit() {
        String printed = summary(run(1_000, 100), false);
        for (int failed = 99; failed < 1_000; failed += 100) {
            assertTrue(printed.contains("each[" + failed + "]"), "failed item " + failed + " missing:\n" + printed);
        }
        assertTrue(!printed.contains("more failed"), printed);
        assertTrue(!printed.contains("each[0]"), "an ok item of a summed-up fan-out is not listed");
    }

    @Test
    void verbosePrintsEveryRow() {
        String printed = summary(run(500, 1_000), true);
        for (int i = 0; i < 500; i++) {
            assertTrue(printed.contains("each[" + i + "]  "), "row " + i + " missing");
        }
        assertTrue(!printed.contains("items]"), printed);
    }

    @Test
    void aFanOutThatFitsOnAScreenKeepsItsRows() {
        String printed = summary(run(SummaryTable.SCREENFUL, 1_000), false);
        assertEquals(SummaryTable.SCREENFUL, printed.lines().filter(line -> line.contains("each[")).count());
    }
}
