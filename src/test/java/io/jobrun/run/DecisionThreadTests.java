package io.jobrun.run;

import static io.jobrun.run.Jobs.after;
import static io.jobrun.run.Jobs.callbacks;
import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.jobOn;
import static io.jobrun.run.Jobs.on;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.run;
import static io.jobrun.run.Jobs.task;
import static io.jobrun.run.Jobs.threads;
import static io.jobrun.run.Jobs.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.futures.Future;
import io.jobrun.job.Callback;
import io.jobrun.job.TaskCallbacks;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The interpreter's thread never waits on anything but its inbox: not on a slow callback, not on a body that ignores
 * its interrupt. Each test would hang (and fail on its timeout) if it did.
 */
@Timeout(60)
class DecisionThreadTests {
    /** Long enough that a run which waited it out would fail the test's timeout. */
    private static final Duration FOREVER = Duration.ofHours(1);

    /** Waits for {@code latch}, swallowing interrupts as a stubborn task does. */
    private static void awaitIgnoringInterrupts(CountDownLatch latch, CountDownLatch interrupted) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }

    @Test
    void aSlowTaskCallbackDelaysNoLaunch() {
        CountDownLatch nextRan = new CountDownLatch(1);
        TaskCallbacks slow = new TaskCallbacks(null, null, null, Callback.of(view -> nextRan.await()));
        var recorded = run(job(callbacks(task("first", c -> 1), slow),
                after(task("next", c -> { nextRan.countDown(); return 2; }), null, "first")));
        assertEquals(TaskStatus.OK, recorded.status("next"));
    }

    @Test
    void aTaskIgnoringItsInterruptAfterItsTimeLimitDelaysNoLaunch() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var recorded = run(jobOn(threads("patient", 2, FOREVER), null,
                on(timeout(task("stubborn", c -> {
                    awaitIgnoringInterrupts(release, interrupted);
                    return "returned at last";
                }), Duration.ofMillis(50)), "patient"),
                // NOTE: the time limit fails the future (posting its end) before it interrupts the body, so this
                // task ends after the interpreter has seen the stubborn one time out.
                on(task("watcher", c -> { interrupted.await(); return 1; }), "patient"),
                after(task("releaser", c -> { release.countDown(); return 2; }), null, "watcher")));
        assertEquals(TaskStatus.OK, recorded.status("releaser"));
        assertEquals(TaskStatus.TIMEOUT, recorded.status("stubborn"), "it returned within its leak grace");
    }

    @Test
    void aBodyThatOutlivesItsLeakGraceIsLeakedWithoutHoldingUpTheRun() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var recorded = run(jobOn(threads("brief", 1, Duration.ofMillis(100)), null,
                on(timeout(task("stubborn", c -> {
                    awaitIgnoringInterrupts(release, interrupted);
                    return null;
                }), Duration.ofMillis(50)), "brief")));
        assertEquals(TaskStatus.LEAKED, recorded.status("stubborn"));
        assertEquals(1, release.getCount(), "the run ended while the body still ran");
        release.countDown();
    }

    @Test
    void submittedWorkIsClassifiedAsDeclaredTasksAreWithItsExecutorsLeakGrace() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        var recorded = run(jobOn(threads("brief", 2, Duration.ofMillis(100)), null,
                on(task("parent", c -> {
                    Future<Object> child = c.submit("brief", "child", () -> {
                        awaitIgnoringInterrupts(release, interrupted);
                        return null;
                    }, Duration.ofMillis(50));
                    return child.exception(Duration.ofSeconds(30)).getClass().getSimpleName();
                }), "brief")));
        assertEquals("FutureTimeoutException", recorded.outcome("parent").result());
        assertEquals(TaskStatus.LEAKED, recorded.status("child"));
        release.countDown();
    }

    @Test
    void atTheJobsDeadlineRunningTasksTimeOutAndQueuedOnesAreCancelled() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        var recorded = run(jobOn(threads("one", 1, Duration.ofSeconds(5)), Duration.ofMillis(300),
                on(task("running", c -> { never.await(); return null; }), "one"),
                on(task("queued", c -> 1), "one"),
                after(task("later", c -> 2), null, "running")));
        assertEquals(StopCause.JOB_TIMEOUT, recorded.result().stopCause());
        assertEquals(TaskStatus.TIMEOUT, recorded.status("running"));
        assertEquals(TaskStatus.CANCELLED, recorded.status("queued"));
        assertEquals(0, recorded.outcome("queued").attempts(), "it never started");
        assertEquals(TaskStatus.CANCELLED, recorded.status("later"));
        assertEquals(1, recorded.result().exitCode());
    }

    @Test
    void aTaskThatReturnsAfterTheJobsDeadlineInterruptedItIsStillATimeout() {
        var recorded = run(jobOn(threads("one", 1, Duration.ofSeconds(5)), Duration.ofMillis(200),
                on(task("polite", c -> {
                    try {
                        new CountDownLatch(1).await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        return "stopped early, returned a value anyway";
                    }
                    return "slept";
                }), "one")));
        assertEquals(TaskStatus.TIMEOUT, recorded.status("polite"));
        assertFalse(recorded.result().getOk());
    }

    /**
     * A large fan-out's ends are handled while its later items still launch, not after the last of them: what listens
     * to the run (the journal, the reports) then works along with it instead of after it. The items run one at a
     * time, in order, so once the second has started the first has ended and its end is in the inbox; the launch of
     * the 100th item waits for that, and the 900 launches after it look at the inbox many times.
     */
    @Test
    void aFanOutsFirstEndIsHandledBeforeItsLastItemLaunches() {
        int items = 1_000;
        CountDownLatch secondStarted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong lastLaunchAt = new java.util.concurrent.atomic.AtomicLong();
        Reuse watching = (instance, input, results) -> {
            if (input.equals(100)) {
                await(secondStarted);
            } else if (input.equals(items - 1)) {
                lastLaunchAt.set(Ticker.SYSTEM.nanos()); // NOTE: on the interpreter's thread, as its finishes are
            }
            return null;
        };
        var recorded = run(jobOn(threads("one", 1, Duration.ofSeconds(5)), null,
                on(over(task("each", c -> {
                    if (c.input().equals(1)) {
                        secondStarted.countDown();
                    }
                    return c.input();
                }), java.util.stream.IntStream.range(0, items).boxed().map(Object.class::cast).toList()), "one")),
                watching);
        long firstFinishedAt = recorded.events().stream()
                .filter(e -> e instanceof RunEvent.TaskFinished f && f.outcome().task().name().equals("each[0]"))
                .findFirst().orElseThrow().at();
        assertTrue(firstFinishedAt < lastLaunchAt.get(), "the first item's end was handled before the last launch");
        assertTrue(recorded.result().getOk());
    }

    /** Waits for {@code latch}; the timeout only guards against a hang. */
    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "the second item started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theRunStateEndsDoneAndEveryStepOfItIsPublished() {
        var recorded = run(jobOn(threads("one", 1, Duration.ofSeconds(5)), Duration.ofMillis(100),
                on(task("slow", c -> { new CountDownLatch(1).await(); return null; }), "one")));
        var states = recorded.events().stream().filter(e -> e instanceof RunEvent.StateChanged)
                .map(e -> ((RunEvent.StateChanged) e).state()).toList();
        assertEquals(java.util.List.of(RunState.STOPPING, RunState.DONE), states);
        assertTrue(recorded.events().getLast() instanceof RunEvent.JobFinished);
    }
}
