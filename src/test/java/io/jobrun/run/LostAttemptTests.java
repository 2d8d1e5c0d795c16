package io.jobrun.run;

import static io.jobrun.run.Jobs.AT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jobrun.futures.Executor;
import io.jobrun.futures.Future;
import io.jobrun.futures.Initializer;
import io.jobrun.futures.Task;
import io.jobrun.futures.ThreadPoolExecutor;
import io.jobrun.job.ExecutorKind;
import io.jobrun.job.ExecutorKinds;
import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.Job;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.Placement;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.TaskCode;
import io.jobrun.job.TaskContext;
import io.jobrun.job.TaskSpec;
import io.jobrun.report.ReportStyle;
import io.jobrun.report.SummaryReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An attempt lost with its worker (a cluster member that left while it ran) is recorded as lost, the task goes on as
 * the next attempt where its executor placed it, and the loss uses up no retry. A stand-in kind plays the cluster:
 * it places each task's first try on one worker, says that worker left, and runs the task on another.
 */
class LostAttemptTests {
    static final String GONE = "10.0.0.8:5701";
    static final String STAYS = "10.0.0.7:5701";

    /** Places the first try of every task on {@link #GONE}, loses it, then runs the task "on" {@link #STAYS}. */
    private static final class WanderingKind implements ExecutorKind {
        @Override
        public String name() {
            return "wandering";
        }

        @Override
        public String description() {
            return "a stand-in for a cluster whose first member leaves";
        }

        @Override
        public Executor create(ExecutorSpec spec, Initializer workerSetup) {
            return new ThreadPoolExecutor(spec.workers());
        }

        @Override
        public boolean runsInWorkerProcesses() {
            return true;
        }

        @Override
        public Future<Object> submit(Executor executor, TaskSpec spec, Task<Object> task, Duration limit,
                                     Placement placement) {
            CountDownLatch placedTwice = new CountDownLatch(1);
            Future<Object> future = executor.submit(() -> {
                placedTwice.await(); // NOTE: the run hears of both placements before the task can end
                return task.call();
            }, limit);
            placement.placed(GONE, null);
            placement.placed(STAYS, GONE);
            placedTwice.countDown();
            return future;
        }
    }

    /** Fails the first {@code failures} times it runs, then answers "done". */
    private record FailsAtFirst(int failures, AtomicInteger runs) implements TaskCode {
        @Override
        public Object run(TaskContext context) {
            throw new AssertionError("a worker-process task runs through inWorker()");
        }

        @Override
        public Optional<String> unsendable() {
            return Optional.empty();
        }

        @Override
        public Task<Object> inWorker(TaskContext context) {
            return () -> {
                if (runs.incrementAndGet() <= failures) {
                    throw new IllegalStateException("failed once");
                }
                return "done";
            };
        }

        @Override
        public Initializer workerSetup() {
            return null;
        }
    }

    private final List<RunEvent> events = new CopyOnWriteArrayList<>();

    private RunResult run(TaskCode code, RetryPolicy retry) {
        ExecutorSpec grid = new ExecutorSpec("grid", "wandering", 2, AT);
        TaskSpec task = Jobs.retry(Jobs.task("hold", code), retry);
        task = new TaskSpec(task.name(), "grid", task.body(), null, task.retry(), List.of(), null, null, false,
                task.callbacks(), AT);
        Job job = new Job("test.groovy", null, Map.of(), List.of(grid), List.of(task), JobCallbacks.none(), null,
                HaltPolicy.RUN_ALL);
        Interpreter interpreter = new Interpreter(job, new ExecutorKinds(List.of(new WanderingKind())),
                Ticker.SYSTEM);
        interpreter.addListener(events::add);
        return interpreter.run();
    }

    private static String statusesAndWorkers(TaskOutcome outcome) {
        StringBuilder text = new StringBuilder();
        for (AttemptRecord attempt : outcome.history()) {
            text.append(attempt.number()).append(' ').append(attempt.status().word()).append(" on ")
                    .append(attempt.worker()).append("; ");
        }
        return text.toString();
    }

    @Test
    void anAttemptLostWithItsWorkerIsRecordedAndTheTaskGoesOnWhereItWasPlaced() {
        TaskOutcome outcome = run(new FailsAtFirst(0, new AtomicInteger()), RetryPolicy.none()).outcomes().get(0);
        assertEquals(TaskStatus.OK, outcome.status(), () -> String.valueOf(outcome.error()));
        assertEquals("1 lost on " + GONE + "; 2 ok on " + STAYS + "; ", statusesAndWorkers(outcome));
        assertEquals(2, outcome.attempts(), "the lost attempt is counted");
        List<String> lost = events.stream().filter(e -> e instanceof RunEvent.AttemptLost)
                .map(e -> ((RunEvent.AttemptLost) e).describe()).toList();
        assertEquals(List.of("attempt 2 on " + STAYS + " after " + GONE + " left"), lost);
    }

    @Test
    void aLossUsesUpNoRetry() {
        AtomicInteger runs = new AtomicInteger();
        TaskOutcome outcome = run(new FailsAtFirst(1, runs), new RetryPolicy(1, Duration.ZERO, 1, null, List.of()))
                .outcomes().get(0);
        assertEquals(TaskStatus.OK, outcome.status(), () -> statusesAndWorkers(outcome));
        assertEquals("1 lost on " + GONE + "; 2 failed on " + STAYS + "; 3 lost on " + GONE + "; 4 ok on " + STAYS
                + "; ", statusesAndWorkers(outcome));
        assertEquals(2, runs.get(), "the body ran twice: a failure and its one retry");
    }

    @Test
    void theSummarySaysWhereTheNextAttemptRanAfterTheLoss() {
        RunResult result = run(new FailsAtFirst(0, new AtomicInteger()), RetryPolicy.none());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new SummaryReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), new ReportStyle(false, true, false,
                false)).onEvent(new RunEvent.JobFinished(0, result));
        String summary = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, summary.lines().filter(line -> line.equals("Lost with a member: hold: attempt 2 on " + STAYS
                + " after " + GONE + " left")).count(), summary);
    }
}
