package io.jobrun.run;

import static io.jobrun.run.Jobs.after;
import static io.jobrun.run.Jobs.callbacks;
import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.jobOn;
import static io.jobrun.run.Jobs.on;
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
