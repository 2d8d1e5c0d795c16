package io.jobrun.run;

import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.CacheMode;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.Caching;
import io.jobrun.job.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The launches of {@code once} tasks are on record before they happen, and the launches of one scheduling step share
 * one wait for the disk. Waits are counted, never timed.
 */
@Timeout(120)
class OnceLaunchesTests {
    /** Records as a journal does: told launches (by item, or name) become durable, all of them, at each wait. */
    private static class Recorder implements OnceLaunches {
        final List<Object> told = new CopyOnWriteArrayList<>();
        final Set<Object> durable = ConcurrentHashMap.newKeySet();
        int waits;
        private final List<Object> pending = new ArrayList<>();

        @Override
        public void launching(TaskInstance instance, long at) {
            Object item = instance.item() == null ? instance.name() : instance.item();
            told.add(item);
            pending.add(item);
        }

        @Override
        public void onDisk() {
            waits++;
            durable.addAll(pending);
            pending.clear();
        }
    }

    private static TaskSpec once(TaskSpec t) {
        return new TaskSpec(t.name(), t.executor(), t.body(), t.timeout(), t.retry(), t.after(), t.inputFrom(),
                t.over(), t.optional(), t.callbacks(), t.position(), t.positions(), t.description(), t.memberPool(),
                new Caching(CacheMode.STAT, true, List.of()));
    }

    private static List<Object> items(int count) {
        return new ArrayList<>(IntStream.range(0, count).boxed().toList());
    }

    @Test
    void aOnceFanOutWaitsForTheDiskOncePerStepOfLaunchesNotOncePerItem() {
        Recorder recorder = new Recorder();
        List<Object> ranUnrecorded = new CopyOnWriteArrayList<>();
        TaskSpec deploy = once(over(task("deploy", c -> {
            if (!recorder.durable.contains(c.input())) {
                ranUnrecorded.add(c.input());
            }
            return c.input();
        }), items(1_000)));
        Interpreter interpreter = new Interpreter(job(deploy), ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.recordOnceLaunches(recorder);
        RunResult result = interpreter.run();
        assertEquals(0, result.exitCode());
        assertEquals(1_000, recorder.told.size(), "each item told once");
        assertEquals(List.of(), ranUnrecorded, "no item ran before its launch was on disk");
        assertTrue(recorder.waits >= 1 && recorder.waits <= 1_000 / 50,
                () -> recorder.waits + " waits for the disk for 1,000 launches");
    }

    @Test
    void tasksWithoutOnceNeverWaitForTheDisk() {
        Recorder recorder = new Recorder();
        Interpreter interpreter = new Interpreter(job(over(task("build", c -> c.input()), items(200))),
                ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.recordOnceLaunches(recorder);
        assertEquals(0, interpreter.run().exitCode());
        assertEquals(List.of(), recorder.told);
        assertEquals(0, recorder.waits);
    }

    /**
     * A plain task launched in the same step after a once task waits with it, so the step's order holds: while the
     * once task's record is on its way to disk, the plain task has not launched (given time to, it does not).
     */
    @Test
    void aPlainTaskAfterAOnceTaskInOneStepWaitsForItsRecordToo() throws InterruptedException {
        CountDownLatch secondRan = new CountDownLatch(1);
        AtomicBoolean ranBeforeTheDisk = new AtomicBoolean();
        Recorder recorder = new Recorder() {
            @Override
            public void onDisk() {
                try {
                    ranBeforeTheDisk.set(secondRan.await(300, TimeUnit.MILLISECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.onDisk();
            }
        };
        Interpreter interpreter = new Interpreter(job(once(task("first", c -> 1)), task("second", c -> {
            secondRan.countDown();
            return 2;
        })), ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.recordOnceLaunches(recorder);
        RunResult result = interpreter.run();
        assertEquals(0, result.exitCode());
        assertEquals(1, recorder.waits);
        assertFalse(ranBeforeTheDisk.get(), "second ran before first's record was on disk");
        assertTrue(secondRan.await(0, TimeUnit.SECONDS));
    }

    /**
     * A held launch does not go ahead once a launch before it in the step failed at once and halted the run: it ends
     * cancelled, as it would have without the wait.
     */
    @Test
    void aHeldLaunchIsCancelledWhenALaunchBeforeItInTheStepHaltedTheRun() {
        Recorder recorder = new Recorder();
        AtomicBoolean secondRan = new AtomicBoolean();
        TaskSpec first = once(Jobs.on(task("first", c -> 1), "no-such-executor"));
        Interpreter interpreter = new Interpreter(job(HaltPolicy.FIRST_FAILURE, null, JobCallbacks.none(), first,
                task("second", c -> {
                    secondRan.set(true);
                    return 2;
                })), ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.recordOnceLaunches(recorder);
        RunResult result = interpreter.run();
        assertEquals(1, recorder.waits);
        assertEquals(TaskStatus.FAILED, status(result, "first"));
        assertEquals(TaskStatus.CANCELLED, status(result, "second"));
        assertFalse(secondRan.get(), "second ran after the run halted");
    }

    private static TaskStatus status(RunResult result, String name) {
        return result.outcomes().stream().filter(o -> o.task().name().equals(name)).findFirst().orElseThrow()
                .status();
    }
}
