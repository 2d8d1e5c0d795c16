package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.EndingOnItsOwn;
import io.jobrun.run.Interpreter;
import io.jobrun.run.RunListener;
import io.jobrun.run.RunResult;
import io.jobrun.run.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The end of a run: the summary is printed while the report files are finished, and a file that fails is still told. */
@Timeout(60)
class ReportEndTests {
    private static final SourcePosition AT = new SourcePosition("end.groovy", 1, 1);
    private static final ExecutorSpec POOL = new ExecutorSpec("pool", "threads", 2, Map.of(), AT);
    private static final ReportStyle PLAIN = new ReportStyle(false, true, false, false);

    private static Job oneTask() {
        TaskSpec task = new TaskSpec("hi", "pool", new TaskBody.Code(c -> "hello"), null, RetryPolicy.none(),
                List.of(), null, null, false, TaskCallbacks.none(), AT);
        return new Job("end.groovy", null, Map.of(), List.of(POOL), List.of(task), JobCallbacks.none(), null,
                HaltPolicy.RUN_ALL);
    }

    /** Runs {@code oneTask()} with {@code file} registered before a summary written to {@code summary}. */
    private static RunResult run(RunListener file, OutputStream summary) {
        Interpreter interpreter = new Interpreter(oneTask(), ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.addListener(file);
        PrintStream out = new PrintStream(summary, true, StandardCharsets.UTF_8);
        interpreter.addListener(Reports.STANDARD.create("summary",
                new ReportSettings(out, out, PLAIN, Ticker.SYSTEM, null)));
        return interpreter.run();
    }

    @Test
    void theSummaryIsPrintedWhileAReportFileIsStillBeingFinished() throws InterruptedException {
        CountDownLatch printed = new CountDownLatch(1);
        OutputStream summary = new OutputStream() {
            @Override
            public void write(int b) {
                printed.countDown();
            }
        };
        CountDownLatch sawIt = new CountDownLatch(1);
        // NOTE: the file waits for the summary: finished one after the other, it would wait in vain
        RunResult result = run(EndingOnItsOwn.doing(() -> {
            try {
                if (printed.await(30, TimeUnit.SECONDS)) {
                    sawIt.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), summary);
        assertEquals(0, result.exitCode());
        assertTrue(sawIt.await(0, TimeUnit.SECONDS), "the report file finished only after the summary was printed");
    }

    @Test
    void aReportFileThatFailsAtTheEndIsAWarningPrintedAfterTheSummary() {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        RunResult result = run(EndingOnItsOwn.doing(() -> {
            throw new IllegalStateException("disk full");
        }), summary);
        assertEquals(0, result.exitCode());
        String text = summary.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Wall time:"), text);
        assertTrue(text.endsWith("[warning] a report listener failed on JobFinished: IllegalStateException: disk full"
                + System.lineSeparator()), text);
    }
}
