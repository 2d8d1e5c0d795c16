package io.jobrun.run;

import static io.jobrun.run.Jobs.after;
import static io.jobrun.run.Jobs.callbacks;
import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.optional;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.retry;
import static io.jobrun.run.Jobs.run;
import static io.jobrun.run.Jobs.task;
import static io.jobrun.run.Jobs.timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.futures.Future;
import io.jobrun.job.Callback;
import io.jobrun.job.HaltPolicy;
import io.jobrun.job.JobCallbacks;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.TaskCallbacks;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class InterpreterTests {
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @Test
    void thenStageGetsItsUpstreamResultAndRunsAfterIt() {
        var recorded = run(job(task("fetch", c -> "body"), after(task("shout", c -> ((String) c.input()).toUpperCase()),
                "fetch", "fetch")));
        assertEquals("BODY", recorded.outcome("shout").result());
        assertEquals(0, recorded.result().exitCode());
    }

    @Test
    void afterWaitsForEveryDependencyAndSeesTheirResults() {
        List<String> order = new CopyOnWriteArrayList<>();
        var recorded = run(job(task("a", c -> { order.add("a"); return 1; }),
                task("b", c -> { order.add("b"); return 2; }),
                after(task("sum", c -> { order.add("sum"); return (int) c.results().get("a") + (int) c.results().get("b"); }),
                        null, "a", "b")));
        assertEquals(3, recorded.outcome("sum").result());
        assertEquals("sum", order.get(2));
    }

    @Test
    void fanOutRunsOneInstancePerItemAndCollectsTheResultsInOrder() {
        var recorded = run(job(over(task("square", c -> (int) c.input() * (int) c.input()), List.of(1, 2, 3)),
                after(task("total", c -> c.results().get("square")), null, "square")));
        assertEquals(List.of("square[1]", "square[2]", "square[3]", "total"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
        assertEquals(List.of(1, 4, 9), recorded.outcome("total").result());
    }

    @Test
    void emptyFanOutHandsItsDependentsAnEmptyList() {
        var recorded = run(job(over(task("each", c -> c.input()), List.of()),
                after(task("count", c -> c.input()), "each", "each")));
        assertEquals(TaskStatus.OK, recorded.status("count"));
        assertEquals(List.of(), recorded.outcome("count").result());
    }

    @Test
    void taskOverItsTimeLimitIsInterruptedAndReportedAsTimeout() {
        var recorded = run(job(timeout(task("slow", c -> { NEVER.await(); return null; }), Duration.ofMillis(50))));
        assertEquals(TaskStatus.TIMEOUT, recorded.status("slow"));
        assertEquals(1, recorded.result().exitCode());
    }

    @Test
    void taskThatIgnoresItsInterruptIsReportedAsLeaked() {
        CountDownLatch release = new CountDownLatch(1);
        var recorded = run(job(timeout(task("stubborn", c -> {
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return null;
                    }
                } catch (InterruptedException ignored) {
                    // NOTE: deliberately ignores the time limit's interrupt
                }
            }
        }), Duration.ofMillis(50))));
        release.countDown();
        assertEquals(TaskStatus.LEAKED, recorded.status("stubborn"));
    }

    @Test
    void failingTaskIsRetriedUpToItsCountThenFails() {
        AtomicInteger calls = new AtomicInteger();
        var recorded = run(job(retry(task("flaky", c -> { calls.incrementAndGet(); throw new IOException("down"); }),
                new RetryPolicy(2, Duration.ofMillis(1), 1, null, List.of()))));
        assertEquals(3, calls.get());
        assertEquals(3, recorded.outcome("flaky").attempts());
        assertEquals(TaskStatus.FAILED, recorded.status("flaky"));
    }

    @Test
    void retrySucceedsOnALaterAttempt() {
        AtomicInteger calls = new AtomicInteger();
        var recorded = run(job(retry(task("flaky", c -> {
            if (calls.incrementAndGet() < 2) {
                throw new IOException("down");
            }
            return "up";
        }), new RetryPolicy(3, Duration.ofMillis(1), 1, null, List.of()))));
        assertEquals(TaskStatus.OK, recorded.status("flaky"));
        assertEquals(2, recorded.outcome("flaky").attempts());
    }

    @Test
    void exponentialBackoffDoublesEachWaitUpToItsCap() {
        var recorded = run(job(retry(task("flaky", c -> { throw new IOException("down"); }),
                new RetryPolicy(4, Duration.ofMillis(2), 2, Duration.ofMillis(5), List.of()))));
        List<Duration> delays = new ArrayList<>();
        for (RunEvent event : recorded.events()) {
            if (event instanceof RunEvent.RetryScheduled retrying) {
                delays.add(retrying.delay());
            }
        }
        assertEquals(List.of(Duration.ofMillis(2), Duration.ofMillis(4), Duration.ofMillis(5), Duration.ofMillis(5)),
                delays);
    }

    @Test
    void onlyTheNamedErrorsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        var recorded = run(job(retry(task("strict", c -> { calls.incrementAndGet(); throw new IllegalStateException("bug"); }),
                new RetryPolicy(3, Duration.ofMillis(1), 1, null, List.of("IOException", "timeout")))));
        assertEquals(1, calls.get(), "an IllegalStateException is neither an IOException nor a timeout");
        assertEquals(TaskStatus.FAILED, recorded.status("strict"));
    }

    @Test
    void timeoutIsRetriedWhenAskedFor() {
        AtomicInteger calls = new AtomicInteger();
        var recorded = run(job(retry(timeout(task("slow", c -> {
            if (calls.incrementAndGet() == 1) {
                NEVER.await();
            }
            return "second time lucky";
        }), Duration.ofMillis(50)), new RetryPolicy(1, Duration.ZERO, 1, null, List.of("timeout")))));
        assertEquals(TaskStatus.OK, recorded.status("slow"));
    }

    @Test
    void taskCallbacksRunForSuccessFailureTimeoutAndDone() {
        List<String> calls = new CopyOnWriteArrayList<>();
        TaskCallbacks record = new TaskCallbacks(Callback.of(t -> calls.add("success " + name(t))),
                Callback.of(t -> calls.add("failure " + name(t))), Callback.of(t -> calls.add("timeout " + name(t))),
                Callback.of(t -> calls.add("done " + name(t))));
        run(job(HaltPolicy.RUN_ALL, null, JobCallbacks.none(),
                callbacks(task("good", c -> 1), record),
                after(callbacks(task("bad", c -> { throw new IOException("x"); }), record), null, "good"),
                after(callbacks(task("skipped", c -> 1), record), null, "bad")));
        assertEquals(List.of("success good", "done good", "failure bad", "done bad", "done skipped"), calls);
        calls.clear();
        run(job(callbacks(timeout(task("slow", c -> { NEVER.await(); return null; }), Duration.ofMillis(30)), record)));
        assertEquals(List.of("timeout slow", "done slow"), calls);
    }

    @Test
    void reusedInstanceIsCachedFeedsItsDependentsAndRunsNoCallback() {
        List<String> calls = new CopyOnWriteArrayList<>();
        TaskCallbacks record = new TaskCallbacks(Callback.of(t -> calls.add("success " + name(t))), null, null,
                Callback.of(t -> calls.add("done " + name(t))));
        AtomicInteger squared = new AtomicInteger();
        Reuse secondItemDone = (instance, input, results) -> Integer.valueOf(2).equals(input)
                ? new Reuse.Reused(40) : null;
        var recorded = run(job(callbacks(over(task("square", c -> {
                    squared.incrementAndGet();
                    return (int) c.input() * (int) c.input();
                }), List.of(1, 2, 3)), record),
                after(task("total", c -> c.results().get("square")), null, "square")), secondItemDone);
        assertEquals(TaskStatus.CACHED, recorded.status("square[2]"));
        assertEquals(List.of(), recorded.outcome("square[2]").history());
        assertEquals(2, squared.get());
        assertEquals(List.of(1, 40, 9), recorded.outcome("total").result());
        assertFalse(calls.contains("success square[2]") || calls.contains("done square[2]"), calls::toString);
        assertEquals(0, recorded.result().exitCode());
    }

    private static String name(Object view) {
        return ((io.jobrun.job.TaskView) view).getName();
    }

    @Test
    void jobCallbacksRunOnFailurePerFailedTaskThenAlways() {
        List<String> calls = new CopyOnWriteArrayList<>();
        JobCallbacks callbacks = new JobCallbacks(List.of(Callback.of(r -> calls.add("always"))),
                List.of(Callback.of(r -> calls.add("success"))), List.of(Callback.of(t -> calls.add("failure " + name(t)))));
        run(job(HaltPolicy.RUN_ALL, null, callbacks, task("a", c -> { throw new IOException("x"); }), task("b", c -> 1)));
        assertEquals(List.of("failure a", "always"), calls);
        calls.clear();
        run(job(HaltPolicy.RUN_ALL, null, callbacks, task("b", c -> 1)));
        assertEquals(List.of("success", "always"), calls);
    }

    @Test
    void throwingCallbackBecomesAWarningAndFailsTheJob() {
        var recorded = run(job(callbacks(task("a", c -> 1),
                new TaskCallbacks(Callback.of(t -> { throw new IllegalStateException("oops"); }), null, null, null))));
        assertEquals(TaskStatus.OK, recorded.status("a"));
        assertEquals(List.of("callback onSuccess of task 'a' failed: IllegalStateException: oops"),
                recorded.result().warnings());
        assertEquals(1, recorded.result().exitCode());
    }

    @Test
    void dependentOfAFailedTaskIsSkipped() {
        var recorded = run(job(task("a", c -> { throw new IOException("x"); }), after(task("b", c -> 1), null, "a")));
        assertEquals(TaskStatus.SKIPPED, recorded.status("b"));
        assertEquals(0, recorded.outcome("b").attempts());
    }

    @Test
    void haltOnFirstFailureCancelsWhatHasNotStarted() {
        var recorded = run(job(HaltPolicy.FIRST_FAILURE, null, JobCallbacks.none(),
                task("a", c -> { throw new IOException("x"); }),
                after(task("b", c -> 1), null, "c"), task("c", c -> { Thread.sleep(50); return 1; })));
        assertEquals(TaskStatus.FAILED, recorded.status("a"));
        assertEquals(TaskStatus.OK, recorded.status("c"), "running tasks finish");
        assertEquals(TaskStatus.CANCELLED, recorded.status("b"));
    }

    @Test
    void runAllKeepsGoingAfterAFailure() {
        var recorded = run(job(task("a", c -> { throw new IOException("x"); }), after(task("b", c -> 1), null, "c"),
                task("c", c -> 1)));
        assertEquals(TaskStatus.OK, recorded.status("b"));
        assertEquals(1, recorded.result().exitCode());
    }

    @Test
    void optionalTaskFailureDoesNotFailTheJob() {
        var recorded = run(job(optional(task("a", c -> { throw new IOException("x"); })), task("b", c -> 1)));
        assertEquals(TaskStatus.FAILED, recorded.status("a"));
        assertEquals(0, recorded.result().exitCode());
    }

    @Test
    void jobTimeoutStopsRunningTasksAndCancelsTheRest() {
        var recorded = run(job(HaltPolicy.RUN_ALL, Duration.ofMillis(100), JobCallbacks.none(),
                task("slow", c -> { NEVER.await(); return null; }), after(task("next", c -> 1), null, "slow")));
        assertTrue(recorded.result().timedOut());
        assertEquals(StopCause.JOB_TIMEOUT, recorded.result().stopCause());
        assertEquals(TaskStatus.TIMEOUT, recorded.status("slow"));
        assertEquals(TaskStatus.CANCELLED, recorded.status("next"));
        assertEquals(1, recorded.result().exitCode());
    }

    @Test
    void interruptStopsRunningTasksCancelsPendingOnesAndExits130() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        var job = job(task("slow", c -> { started.countDown(); NEVER.await(); return null; }),
                after(task("next", c -> 1), null, "slow"));
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        Thread stopper = stopOnceOpen(started, interpreter, StopCause.INTERRUPTED);
        RunResult result = interpreter.run();
        stopper.join();
        assertEquals(130, result.exitCode());
        assertEquals(TaskStatus.CANCELLED, result.outcomes().get(0).status());
        assertEquals(TaskStatus.CANCELLED, result.outcomes().get(1).status());
    }

    @Test
    void stopForASignalEndsTheRunWithThatSignalsExitCodeAndCause() throws Exception {
        for (StopCause cause : List.of(StopCause.TERMINATED, StopCause.HANGUP)) {
            CountDownLatch started = new CountDownLatch(1);
            var job = job(task("slow", c -> { started.countDown(); NEVER.await(); return null; }),
                    after(task("next", c -> 1), null, "slow"));
            Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
            Thread stopper = stopOnceOpen(started, interpreter, cause);
            RunResult result = interpreter.run();
            stopper.join();
            assertEquals(cause, result.stopCause());
            assertEquals(cause.exitCode(), result.exitCode());
            assertEquals(RunState.DONE, interpreter.state());
            assertEquals(TaskStatus.CANCELLED, result.outcomes().get(0).status());
            assertEquals(TaskStatus.CANCELLED, result.outcomes().get(1).status());
        }
    }

    @Test
    void aTaskStoppedWhileItWaitsToTryAgainSaysWhyItsLastTryFailed() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        var job = job(retry(task("flaky", c -> { throw new IOException("service down"); }),
                new RetryPolicy(3, Duration.ofHours(1), 1, null, List.of())));
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.addListener(event -> {
            if (event instanceof RunEvent.RetryScheduled) {
                waiting.countDown();
            }
        });
        Thread stopper = stopOnceOpen(waiting, interpreter, StopCause.INTERRUPTED);
        RunResult result = interpreter.run();
        stopper.join();
        TaskOutcome flaky = result.outcomes().get(0);
        assertEquals(TaskStatus.CANCELLED, flaky.status());
        String message = flaky.error().getMessage();
        assertTrue(message.startsWith("service down (attempt 1); then ") && message.endsWith(" before it tried again"),
                message);
    }

    @Test
    void stopBeforeTheRunStartsCancelsEveryTask() {
        Interpreter interpreter = new Interpreter(job(task("a", c -> 1)), ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.stop(StopCause.TERMINATED);
        RunResult result = interpreter.run();
        assertEquals(143, result.exitCode());
        assertEquals(TaskStatus.CANCELLED, result.outcomes().get(0).status());
    }

    @Test
    void aSignalAfterAFirstFailureHaltReplacesTheHaltAsTheCause() throws Exception {
        CountDownLatch halted = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        var job = job(HaltPolicy.FIRST_FAILURE, null, JobCallbacks.none(),
                task("slow", c -> { slowStarted.countDown(); NEVER.await(); return null; }),
                task("bad", c -> { slowStarted.await(); throw new IOException("x"); }));
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.addListener(event -> {
            if (event instanceof RunEvent.TaskFinished finished && finished.outcome().task().name().equals("bad")) {
                halted.countDown();
            }
        });
        Thread stopper = stopOnceOpen(halted, interpreter, StopCause.INTERRUPTED);
        RunResult result = interpreter.run();
        stopper.join();
        assertEquals(StopCause.INTERRUPTED, result.stopCause());
        assertEquals(130, result.exitCode());
    }

    @Test
    void workSubmittedFromTaskCodeIsReportedLikeADeclaredTask() {
        var recorded = run(job(task("parent", c -> {
            Future<Object> one = c.submit("pool", null, () -> 1, null);
            Future<Object> two = c.submit("pool", "named", () -> { throw new IOException("x"); }, null);
            two.exception();
            return (int) one.result() + 1;
        })));
        assertEquals(List.of("parent", "parent/pool-1", "named"),
                recorded.result().outcomes().stream().map(o -> o.task().name()).toList());
        assertEquals(TaskStatus.OK, recorded.status("parent/pool-1"));
        assertEquals(TaskStatus.FAILED, recorded.status("named"));
        assertTrue(recorded.events().stream().anyMatch(e -> e instanceof RunEvent.AttemptStarted s
                && s.task().name().equals("named")));
    }

    @Test
    void everyLifecycleStepIsPublishedInOrder() {
        var recorded = run(job(retry(task("flaky", new io.jobrun.job.TaskCode() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public Object run(io.jobrun.job.TaskContext c) throws Exception {
                if (calls.incrementAndGet() == 1) {
                    throw new IOException("once");
                }
                return 1;
            }
        }), new RetryPolicy(1, Duration.ZERO, 1, null, List.of()))));
        assertEquals(List.of("JobStarted", "AttemptStarted", "RetryScheduled", "AttemptStarted", "TaskFinished",
                        "StateChanged", "JobFinished"),
                recorded.events().stream().map(e -> e.getClass().getSimpleName()).toList());
        assertFalse(recorded.result().interrupted());
    }

    /** A thread that stops {@code interpreter} for {@code cause} once {@code gate} opens. */
    private static Thread stopOnceOpen(CountDownLatch gate, Interpreter interpreter, StopCause cause) {
        return Thread.ofPlatform().start(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                return;
            }
            interpreter.stop(cause);
        });
    }
}
