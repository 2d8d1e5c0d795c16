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
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The summary counts the run's tasks as they finish, so that its end, which the run waits for, reads no outcome of a
 * large run again; told of the run only at its end, it counts the outcomes then, and prints the same.
 */
class SummaryCountsTests {
    private static final SourcePosition AT = new SourcePosition("mixed.groovy", 2, 1);
    private static final TaskSpec EACH = new TaskSpec("each", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of(), null, new ItemSource.Items(List.of()), false, TaskCallbacks.none(), AT);
    private static final TaskSpec LINT = new TaskSpec("lint", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of(), null, null, true, TaskCallbacks.none(), AT);
    private static final TaskSpec HOLD = new TaskSpec("hold", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of(), null, null, false, TaskCallbacks.none(), AT);
    private static final TaskSpec REPORT = new TaskSpec("report", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of("each"), null, null, false, TaskCallbacks.none(), AT);
    private static final TaskSpec DOCS = new TaskSpec("docs", "io", new TaskBody.Code(c -> null), null,
            RetryPolicy.none(), List.of(), null, null, false, TaskCallbacks.none(), AT);
    private static final Job JOB = new Job("mixed.groovy", null, Map.of(), List.of(),
            List.of(EACH, LINT, HOLD, REPORT, DOCS), JobCallbacks.none(), null, HaltPolicy.RUN_ALL);

    /**
     * A fan-out of {@code items} (every 7th failing, each item running {@code i % 50} ms), an optional task that
     * failed, one whose first attempt was lost with a member, one skipped and one not selected.
     */
    private static List<TaskOutcome> outcomes(int items) {
        List<TaskOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            boolean fails = i % 7 == 6;
            TaskStatus status = fails ? TaskStatus.FAILED : TaskStatus.OK;
            outcomes.add(new TaskOutcome(new TaskInstance(new InstanceId("each", i), "each[" + i + "]", EACH, "io", i,
                    AT), status, fails ? null : i, fails ? new IOException("no " + i) : null,
                    List.of(attempt(1, "io_1", i % 50, status))));
        }
        outcomes.add(new TaskOutcome(instance(LINT), TaskStatus.FAILED, null, new IOException("style"),
                List.of(attempt(1, "io_2", 3, TaskStatus.FAILED))));
        outcomes.add(new TaskOutcome(instance(HOLD), TaskStatus.OK, "held", null,
                List.of(attempt(1, "10.0.0.8:5701", 5, TaskStatus.LOST), attempt(2, "10.0.0.7:5701", 8,
                        TaskStatus.OK))));
        outcomes.add(new TaskOutcome(instance(REPORT), TaskStatus.SKIPPED, null,
                new IllegalStateException("skipped: 'each' failed"), List.of()));
        outcomes.add(new TaskOutcome(instance(DOCS), TaskStatus.NOT_SELECTED, null, null, List.of()));
        return outcomes;
    }

    private static TaskInstance instance(TaskSpec spec) {
        return new TaskInstance(InstanceId.single(spec.name()), spec.name(), spec, "io", null, AT);
    }

    private static AttemptRecord attempt(int number, String worker, long millis, TaskStatus status) {
        return new AttemptRecord(number, "io", worker, 0, 0, millis * 1_000_000, status,
                status == TaskStatus.FAILED ? new IOException("failed") : null);
    }

    /** What a summary prints at the end of {@code result}, having been told of {@code told} as they finished. */
    private static String summary(RunResult result, List<TaskOutcome> told, ReportStyle style) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryReport summary = new SummaryReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), style);
        summary.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "mixed.groovy", List.of(), List.of()));
        for (TaskOutcome outcome : told) {
            summary.onEvent(new RunEvent.TaskFinished(1, outcome));
        }
        summary.onEvent(new RunEvent.JobFinished(2, result));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static RunResult result(List<TaskOutcome> outcomes) {
        return new RunResult(JOB, outcomes, Duration.ofSeconds(3), null, List.of());
    }

    @Test
    void countingTheTasksAsTheyFinishPrintsWhatCountingTheOutcomesAtTheEndPrints() {
        for (int items : List.of(12, 3_000)) {
            List<TaskOutcome> outcomes = outcomes(items);
            RunResult result = result(outcomes);
            for (ReportStyle style : List.of(new ReportStyle(false, true, false), new ReportStyle(true, false, false),
                    new ReportStyle(false, false, false, true))) {
                String counted = summary(result, outcomes, style);
                assertEquals(summary(result, List.of(), style), counted, () -> items + " items, " + style);
                int failed = items / 7;
                assertTrue(counted.contains((items + 3) + " tasks: " + (items - failed + 1) + " ok, " + (failed + 1)
                        + " failed (1 optional), 1 skipped; 1 not selected\n"), counted);
                assertTrue(counted.contains("Lost with a member: hold: attempt 2 on 10.0.0.7:5701 after "
                        + "10.0.0.8:5701 left\n"), counted);
                assertTrue(counted.contains("no 6"), "the first failed item's block: " + counted);
            }
        }
    }

    @Test
    void theTaskTimeIsEveryAttemptsRunTimeAddedUp() {
        List<TaskOutcome> outcomes = outcomes(100);
        String printed = summary(result(outcomes), outcomes, new ReportStyle(false, true, false));
        long millis = 3 + 5 + 8;
        for (int i = 0; i < 100; i++) {
            millis += i % 50;
        }
        assertTrue(printed.contains("Task time: " + io.jobrun.job.Durations.format(Duration.ofMillis(millis))),
                printed);
    }

    @Test
    void theEndOfARunItCountedReadsItsOutcomesForNoCount() {
        // NOTE: told of three tasks that failed, ended with a result whose three tasks succeeded: the totals are the
        // ones counted as they finished, which shows the end did not count the 100,000 outcomes of a large run again.
        List<TaskOutcome> told = new ArrayList<>();
        List<TaskOutcome> ended = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TaskInstance each = new TaskInstance(new InstanceId("each", i), "each[" + i + "]", EACH, "io", i, AT);
            told.add(new TaskOutcome(each, TaskStatus.FAILED, null, new IOException("no"),
                    List.of(attempt(1, "io_1", 1, TaskStatus.FAILED))));
            ended.add(new TaskOutcome(each, TaskStatus.OK, i, null, List.of(attempt(1, "io_1", 1, TaskStatus.OK))));
        }
        String printed = summary(result(ended), told, new ReportStyle(false, true, false));
        assertTrue(printed.contains("3 tasks: 0 ok, 3 failed\n"), printed);
    }

    @Test
    void aSummaryToldOfOnlySomeTasksCountsTheOutcomesAtTheEnd() {
        List<TaskOutcome> outcomes = outcomes(40);
        String printed = summary(result(outcomes), outcomes.subList(0, 10), new ReportStyle(false, true, false));
        assertTrue(printed.contains("43 tasks: 36 ok, 6 failed (1 optional), 1 skipped; 1 not selected\n"), printed);
    }
}
