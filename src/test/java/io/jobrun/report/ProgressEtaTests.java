package io.jobrun.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jobrun.job.ExecutorSpec;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import io.jobrun.run.AttemptRecord;
import io.jobrun.run.InstanceId;
import io.jobrun.run.RunEvent;
import io.jobrun.run.RunIdentity;
import io.jobrun.run.TaskInstance;
import io.jobrun.run.TaskOutcome;
import io.jobrun.run.TaskStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The progress line's estimate of the time left: the mean run time of an executor's finished tasks, times what is
 * left of its tasks, over its slots; on a terminal in the live line, in plain-line mode every few seconds.
 */
class ProgressEtaTests {
    private static final SourcePosition AT = new SourcePosition("job.groovy", 1, 1);
    private static final ExecutorSpec IO = new ExecutorSpec("io", "threads", 2, AT);
    private static final ExecutorSpec CPU = new ExecutorSpec("cpu", "threads", 4, AT);

    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private static List<TaskInstance> tasks(String executor, int count) {
        List<TaskInstance> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = executor + "-" + i;
            TaskSpec spec = new TaskSpec(name, executor, new TaskBody.Code(c -> null), null, RetryPolicy.none(),
                    List.of(), null, null, false, TaskCallbacks.none(), AT);
            tasks.add(new TaskInstance(InstanceId.single(name), name, spec, executor, null, AT));
        }
        return tasks;
    }

    private static TaskOutcome ran(TaskInstance task, Duration runTime) {
        return new TaskOutcome(task, TaskStatus.OK, null, null, List.of(new AttemptRecord(1, task.executor(),
                task.executor() + "_1", 0, 0, runTime.toNanos(), TaskStatus.OK, null)));
    }

    private static RunEvent.JobStarted start(List<TaskInstance> planned, ExecutorSpec... executors) {
        return new RunEvent.JobStarted(0, Instant.EPOCH, "job.groovy", planned, List.of(), List.of(executors),
                RunIdentity.unread());
    }

    private ProgressReport progress(boolean terminal) {
        return new ProgressReport(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new ReportStyle(false, false, terminal), clock::get);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEstimateIsTheMeanTimeOfFinishedTasksTimesWhatIsLeftOverTheSlots() {
        Eta eta = new Eta();
        List<TaskInstance> tasks = tasks("io", 10);
        eta.start(List.of(IO), tasks);
        eta.finished(ran(tasks.get(0), Duration.ofSeconds(1)));
        eta.finished(ran(tasks.get(1), Duration.ofSeconds(2)));
        eta.finished(ran(tasks.get(2), Duration.ofSeconds(3)));
        // mean 2s, 7 left, 2 slots
        assertEquals(Duration.ofSeconds(7), eta.left());
    }

    @Test
    void thereIsNoEstimateUntilEnoughTasksHaveFinished() {
        Eta eta = new Eta();
        List<TaskInstance> tasks = tasks("io", 10);
        eta.start(List.of(IO), tasks);
        for (int i = 0; i < Eta.ENOUGH - 1; i++) {
            eta.finished(ran(tasks.get(i), Duration.ofSeconds(1)));
            assertNull(eta.left(), "after " + (i + 1) + " finished");
        }
        eta.finished(ran(tasks.get(Eta.ENOUGH - 1), Duration.ofSeconds(1)));
        assertEquals(Duration.ofSeconds(10 - Eta.ENOUGH).dividedBy(2), eta.left());
    }

    @Test
    void executorsWorkAtOnceSoTheLongestBacklogDecides() {
        Eta eta = new Eta();
        List<TaskInstance> io = tasks("io", 5);
        List<TaskInstance> cpu = tasks("cpu", 41);
        List<TaskInstance> all = new ArrayList<>(io);
        all.addAll(cpu);
        eta.start(List.of(IO, CPU), all);
        eta.finished(ran(io.get(0), Duration.ofSeconds(10)));
        eta.finished(ran(cpu.get(0), Duration.ofSeconds(1)));
        eta.finished(ran(cpu.get(1), Duration.ofSeconds(1)));
        // io: 10s x 4 left / 2 slots = 20s; cpu: 1s x 39 left / 4 slots = 9.75s
        assertEquals(Duration.ofSeconds(20), eta.left());
        for (int i = 1; i < 5; i++) {
            eta.finished(ran(io.get(i), Duration.ofSeconds(10)));
        }
        assertEquals(Duration.ofMillis(9750), eta.left());
    }

    @Test
    void anExecutorWithNothingFinishedYetIsGivenTheMeanOfAllFinishedTasks() {
        Eta eta = new Eta();
        List<TaskInstance> io = tasks("io", 3);
        List<TaskInstance> cpu = tasks("cpu", 8);
        List<TaskInstance> all = new ArrayList<>(io);
        all.addAll(cpu);
        eta.start(List.of(IO, CPU), all);
        io.forEach(task -> eta.finished(ran(task, Duration.ofSeconds(3))));
        // io is done; cpu has none finished: 3s x 8 / 4 slots
        assertEquals(Duration.ofSeconds(6), eta.left());
    }

    @Test
    void itemsAFanOutReadLaterAddToWhatIsLeft() {
        Eta eta = new Eta();
        List<TaskInstance> first = tasks("io", 3);
        eta.start(List.of(IO), first);
        first.forEach(task -> eta.finished(ran(task, Duration.ofSeconds(1))));
        assertEquals(Duration.ZERO, eta.left());
        eta.add(tasks("io", 6));
        assertEquals(Duration.ofSeconds(3), eta.left());
    }

    @Test
    void theEstimateReadsInWholeSecondsRoundedUp() {
        assertEquals("ETA 1s", Eta.format(Duration.ofMillis(1)));
        assertEquals("ETA 45s", Eta.format(Duration.ofMillis(44_100)));
        assertEquals("ETA 3m05s", Eta.format(Duration.ofSeconds(185)));
        assertEquals("ETA 2h07m", Eta.format(Duration.ofMinutes(127)));
    }

    @Test
    void theLiveLineShowsTheEstimateOnceEnoughTasksHaveFinished() {
        ProgressReport progress = progress(true);
        List<TaskInstance> tasks = tasks("io", 10);
        progress.onEvent(start(tasks, IO));
        for (int i = 0; i < 3; i++) {
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            progress.onEvent(new RunEvent.TaskFinished(clock.get(), ran(tasks.get(i), Duration.ofSeconds(2))));
        }
        String[] lines = printed().split("\r\033\\[K");
        assertEquals("2/10 done, 0 running, 0 failed, 4.00s", lines[lines.length - 2]);
        assertEquals("3/10 done, 0 running, 0 failed, 6.00s, ETA 7s", lines[lines.length - 1]);
    }

    @Test
    void plainLinesPrintTheEstimateEveryFewSecondsNotPerTask() {
        ProgressReport progress = progress(false);
        List<TaskInstance> tasks = tasks("io", 100);
        progress.onEvent(start(tasks, IO));
        for (int i = 0; i < 40; i++) { // a task every half second: 20 seconds
            clock.addAndGet(Duration.ofMillis(500).toNanos());
            progress.onEvent(new RunEvent.TaskFinished(clock.get(), ran(tasks.get(i), Duration.ofSeconds(1))));
        }
        List<String> estimates = printed().lines().filter(line -> line.contains("ETA")).toList();
        assertEquals(List.of("[10/100] 0 running, 0 failed, 5.00s elapsed, ETA 45s",
                "[20/100] 0 running, 0 failed, 10.00s elapsed, ETA 40s",
                "[30/100] 0 running, 0 failed, 15.00s elapsed, ETA 35s",
                "[40/100] 0 running, 0 failed, 20.00s elapsed, ETA 30s"), estimates);
        assertEquals(40, printed().lines().filter(line -> line.contains(" io-")).count(), "a line per task still");
    }
}
