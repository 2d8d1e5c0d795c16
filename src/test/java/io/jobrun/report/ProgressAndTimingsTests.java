package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.job.SourcePosition;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunResult;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The live progress line on a terminal, and the timing line of the summary with real durations. */
@org.junit.jupiter.api.Timeout(60)
class ProgressAndTimingsTests {
    private static final SourcePosition AT = new SourcePosition("job.groovy", 1, 1);
    private static final Job JOB = new Job("job.groovy", null, Map.of(), List.of(), List.of(), JobCallbacks.none(),
            null, HaltPolicy.RUN_ALL);

    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A declared task's instance. */
    private static TaskInstance instance(String name) {
        TaskSpec spec = new TaskSpec(name, "io", new TaskBody.Code(c -> null), null, RetryPolicy.none(), List.of(),
                null, null, false, TaskCallbacks.none(), AT);
        return new TaskInstance(InstanceId.single(name), name, spec, "io", null, AT);
    }

    /** Work that task code submitted. */
    private static TaskInstance submitted(String label) {
        return new TaskInstance(new InstanceId(label, 0), label, null, "io", null, AT);
    }

    private ProgressReport liveProgress() {
        return new ProgressReport(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ReportStyle(false, false, true), clock::get);
    }

    private static TaskOutcome outcome(TaskInstance task, TaskStatus status, Duration runTime) {
        return new TaskOutcome(task, status, null, null, List.of(new AttemptRecord(1, "io", "io_1", 0, 0,
                runTime.toNanos(), status, null)));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLiveLineIsRedrawnInPlaceAndClearedWhenTheJobEnds() {
        ProgressReport progress = liveProgress();
        TaskInstance a = instance("a");
        TaskInstance b = instance("b");
        progress.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "job.groovy", List.of(a, b), List.of()));
        progress.onEvent(new RunEvent.AttemptStarted(0, a, 1, "io_1"));
        progress.onEvent(new RunEvent.AttemptStarted(0, b, 1, "io_2"));
        clock.set(Duration.ofMillis(1500).toNanos());
        progress.onEvent(new RunEvent.TaskFinished(clock.get(), outcome(a, TaskStatus.OK, Duration.ofSeconds(1))));
        progress.onEvent(new RunEvent.JobFinished(clock.get(), new RunResult(JOB, List.of(), Duration.ZERO, null,
                List.of())));
        String redraw = "\r\033[K";
        assertEquals(redraw + "0/2 done, 1 running, 0 failed, 0.00s"
                + redraw + "0/2 done, 2 running, 0 failed, 0.00s"
                + redraw + "1/2 done, 1 running, 0 failed, 1.50s"
                + redraw, printed());
    }

    @Test
    void workSubmittedByTasksIsCountedApartSoTheCounterNeverPassesItsTotal() {
        ProgressReport progress = liveProgress();
        TaskInstance parent = instance("parent");
        progress.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "job.groovy", List.of(parent), List.of()));
        progress.onEvent(new RunEvent.AttemptStarted(0, parent, 1, "io_1"));
        for (int i = 0; i < 3; i++) {
            TaskInstance child = submitted("parent/io-" + i);
            progress.onEvent(new RunEvent.AttemptStarted(0, child, 1, "io_2"));
            progress.onEvent(new RunEvent.TaskFinished(0, outcome(child, TaskStatus.OK, Duration.ZERO)));
        }
        progress.onEvent(new RunEvent.TaskFinished(0, outcome(parent, TaskStatus.OK, Duration.ZERO)));
        String last = printed().substring(printed().lastIndexOf('\r'));
        assertEquals("\r\033[K1/1 done, 0 running, 0 failed, submitted 3/3, 0.00s", last);
    }

    @Test
    void workThatEndedBeforeItsStartWasDeliveredIsCountedAsItEndsAndLeavesTheRunningCountAlone() {
        ProgressReport progress = liveProgress();
        TaskInstance parent = instance("parent");
        progress.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "job.groovy", List.of(parent), List.of()));
        progress.onEvent(new RunEvent.AttemptStarted(0, parent, 1, "io_1"));
        for (int i = 0; i < 2; i++) { // NOTE: quick work, whose starts the run no longer delivers
            progress.onEvent(new RunEvent.TaskFinished(0, outcome(submitted("parent/io-" + i), TaskStatus.OK,
                    Duration.ZERO)));
        }
        String last = printed().substring(printed().lastIndexOf('\r'));
        assertEquals("\r\033[K0/1 done, 1 running, 0 failed, submitted 2/2, 0.00s", last);
    }

    private static TaskSpec declared(String name, io.jobrun.job.TaskCode code, RetryPolicy retry,
                                     io.jobrun.job.ItemSource over) {
        return new TaskSpec(name, "io", new TaskBody.Code(code), null, retry, List.of(), null, over, false,
                TaskCallbacks.none(), AT);
    }

    /**
     * Runs {@code task} on two threads ("io"), with the progress report drawn on a terminal or printed line by line;
     * its work may be submitted to two more ("side").
     */
    private String progressOfARun(boolean terminal, Duration jobTimeout, TaskSpec task) {
        Job job = new Job("job.groovy", null, Map.of(), List.of(new io.jobrun.job.ExecutorSpec("io", "threads", 2,
                Map.of(), AT), new io.jobrun.job.ExecutorSpec("side", "threads", 2, Map.of(), AT)), List.of(task),
                JobCallbacks.none(), jobTimeout, HaltPolicy.RUN_ALL);
        io.jobrun.run.Interpreter interpreter = new io.jobrun.run.Interpreter(job,
                io.jobrun.executors.ExecutorRegistry.STANDARD, io.jobrun.run.Ticker.SYSTEM);
        interpreter.addListener(new ProgressReport(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ReportStyle(false, false, terminal), clock::get)::onEvent);
        interpreter.run();
        return printed();
    }

    /** Every counter printed, declared and submitted, is at most its total; returns the last declared one. */
    private static String assertNoCounterPassesItsTotal(String printed) {
        java.util.regex.Matcher counter = java.util.regex.Pattern.compile("(submitted )?(\\d+)/(\\d+)")
                .matcher(printed);
        String last = null;
        while (counter.find()) {
            int done = Integer.parseInt(counter.group(2));
            int total = Integer.parseInt(counter.group(3));
            org.junit.jupiter.api.Assertions.assertTrue(done <= total, () -> counter.group() + " in\n" + printed);
            if (counter.group(1) == null) {
                last = counter.group(2) + "/" + counter.group(3);
            }
        }
        return last;
    }

    /** A fan-out of 5 whose items each submit 4 pieces of work, the first item failing once and retried. */
    private static TaskSpec fanOutSubmittingWork() {
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        return declared("each", c -> {
            List<io.jobrun.futures.Future<Object>> children = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                children.add(c.submit("side", "child", () -> 1, null));
            }
            for (io.jobrun.futures.Future<Object> child : children) {
                child.result();
            }
            if ((int) c.input() == 0 && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("once");
            }
            return children.size();
        }, new RetryPolicy(1, Duration.ZERO, 1, null, List.of()),
                new io.jobrun.job.ItemSource.Items(List.of(0, 1, 2, 3, 4)));
    }

    @Test
    void onATerminalNoProgressLineOfARunWhoseTasksSubmitWorkPassesItsTotal() {
        assertEquals("5/5", assertNoCounterPassesItsTotal(progressOfARun(true, null, fanOutSubmittingWork())));
    }

    @Test
    void lineByLineNoCounterOfARunWhoseTasksSubmitWorkPassesItsTotal() {
        assertEquals("5/5", assertNoCounterPassesItsTotal(progressOfARun(false, null, fanOutSubmittingWork())));
    }

    /** Work that never started (cancelled at the job's deadline) is counted done only if it was counted at all. */
    @Test
    void submittedWorkCancelledBeforeItStartedKeepsItsCounterWithinItsTotal() {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        TaskSpec parent = declared("parent", c -> {
            List<io.jobrun.futures.Future<Object>> children = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                children.add(c.submit("side", "child", () -> { never.await(); return 1; }, null));
            }
            never.await();
            return children.size();
        }, RetryPolicy.none(), null);
        String printed = progressOfARun(false, Duration.ofMillis(300), parent);
        assertEquals("1/1", assertNoCounterPassesItsTotal(printed), printed);
    }

    @Test
    void aFanOutReadWhenReadyCountsAsOneUntilItHasReadItsItems() {
        ProgressReport progress = liveProgress();
        TaskInstance list = instance("list");
        progress.onEvent(new RunEvent.JobStarted(0, Instant.EPOCH, "job.groovy", List.of(list), List.of("each")));
        progress.onEvent(new RunEvent.TaskFinished(0, outcome(list, TaskStatus.OK, Duration.ZERO)));
        progress.onEvent(new RunEvent.FanOutExpanded(0, "each", List.of(instance("each[a]"), instance("each[b]"),
                instance("each[c]"))));
        assertEquals("\r\033[K1/2 done, 0 running, 0 failed, 0.00s\r\033[K1/4 done, 0 running, 0 failed, 0.00s",
                printed());
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
