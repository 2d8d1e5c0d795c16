package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.SourcePosition;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live progress line on a terminal, and the timing line of the summary with real durations. */
class ProgressAndTimingsTests {
    private static final SourcePosition AT = new SourcePosition("job.groovy", 1, 1);
    private static final Job JOB = new Job("job.groovy", null, Map.of(), List.of(), List.of(), JobCallbacks.none(),
            null, HaltPolicy.RUN_ALL);

    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private static TaskInstance instance(String name) {
        return new TaskInstance(name, null, "io", null, AT);
    }

    private static TaskOutcome outcome(TaskInstance task, TaskStatus status, Duration runTime) {
        return new TaskOutcome(task, status, null, null, 1, runTime);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLiveLineIsRedrawnInPlaceAndClearedWhenTheJobEnds() {
        ProgressReport progress = new ProgressReport(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ReportStyle(false, false, true), clock::get);
        TaskInstance a = instance("a");
        TaskInstance b = instance("b");
        progress.onEvent(new RunEvent.JobStarted("job.groovy", List.of()));
        progress.onEvent(new RunEvent.TaskStarted(a, 1));
        progress.onEvent(new RunEvent.TaskStarted(b, 1));
        clock.set(Duration.ofMillis(1500).toNanos());
        progress.onEvent(new RunEvent.TaskFinished(outcome(a, TaskStatus.OK, Duration.ofSeconds(1))));
        progress.onEvent(new RunEvent.JobFinished(new RunResult(JOB, List.of(), Duration.ZERO, null,
                List.of())));
        String redraw = "\r\033[K";
        assertEquals(redraw + "0/1 done, 1 running, 0 failed, 0.00s"
                + redraw + "0/2 done, 2 running, 0 failed, 0.00s"
                + redraw + "1/2 done, 1 running, 0 failed, 1.50s"
                + redraw, printed());
    }

    @Test
    void summaryTimingsDivideTaskTimeByWallTime() {
        RunResult result = new RunResult(JOB, List.of(
                outcome(instance("a"), TaskStatus.OK, Duration.ofMillis(1200)),
                outcome(instance("b"), TaskStatus.OK, Duration.ofMillis(1200)),
                outcome(instance("c"), TaskStatus.FAILED, Duration.ofMillis(700))),
                Duration.ofSeconds(1), null, List.of());
        assertEquals("Wall time: 1.00s   Task time: 3.10s   Speed up: 3.1x   Throughput: 3.00 tasks/s",
                SummaryReport.timings(result));
    }
}
