package io.jobrun.run;

import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.retry;
import static io.jobrun.run.Jobs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.Job;
import io.jobrun.job.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The events every report is built from: their instants, ids, attempts, and how listeners receive them. */
@Timeout(60)
class RunEventsTests {
    /** Runs {@code job} with {@code listeners}; returns the result. */
    private static RunResult run(Job job, RunListener... listeners) {
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        for (RunListener listener : listeners) {
            interpreter.addListener(listener);
        }
        return interpreter.run();
    }

    private static Job fanOutWithARetry() {
        AtomicInteger calls = new AtomicInteger();
        return job(over(retry(task("each", c -> {
            if ((int) c.input() == 2 && calls.incrementAndGet() == 1) {
                throw new IOException("once");
            }
            return c.input();
        }), new RetryPolicy(1, Duration.ZERO, 1, null, List.of())), new ArrayList<>(List.of(1, 2, 3))));
    }

    @Test
    void everyEventCarriesAnInstantAndListenersGetThemInThatOrder() {
        List<RunEvent> events = Collections.synchronizedList(new ArrayList<>());
        run(fanOutWithARetry(), events::add);
        long previous = Long.MIN_VALUE;
        for (RunEvent event : events) {
            assertTrue(event.at() >= previous, () -> "out of order: " + events);
            previous = event.at();
        }
        assertTrue(events.getFirst() instanceof RunEvent.JobStarted);
        assertTrue(events.getLast() instanceof RunEvent.JobFinished);
    }

    @Test
    void instancesHaveStableIdsOfSpecNameAndItemIndex() {
        RunResult result = run(fanOutWithARetry());
        assertEquals(List.of(new InstanceId("each", 0), new InstanceId("each", 1), new InstanceId("each", 2)),
                result.outcomes().stream().map(o -> o.task().id()).toList());
        assertEquals("each#1", result.outcomes().get(1).task().id().toString());
    }

    @Test
    void eachAttemptRecordsWhenItWasSubmittedStartedAndEndedAndWhereItRan() {
        RunResult result = run(fanOutWithARetry());
        TaskOutcome retried = result.outcomes().get(1);
        assertEquals(2, retried.history().size());
        assertEquals(TaskStatus.FAILED, retried.history().get(0).status());
        assertEquals(TaskStatus.OK, retried.history().get(1).status());
        for (TaskOutcome outcome : result.outcomes()) {
            for (AttemptRecord attempt : outcome.history()) {
                assertTrue(attempt.submitted() <= attempt.started() && attempt.started() <= attempt.ended(),
                        attempt::toString);
                assertEquals("pool", attempt.executor());
                assertNotNull(attempt.worker());
                assertTrue(attempt.worker().startsWith("pool"), attempt::toString);
            }
        }
        assertTrue(retried.history().get(0).ended() <= retried.history().get(1).submitted());
    }

    @Test
    void listenersAreCalledOnOneThreadThatIsNoWorker() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        run(fanOutWithARetry(), event -> threads.add(Thread.currentThread()));
        assertEquals(1, threads.size(), threads::toString);
        assertFalse(threads.iterator().next().getName().startsWith("pool"), threads::toString);
    }

    @Test
    void theRunReturnsOnlyOnceEveryListenerHasSeenEveryEvent() {
        List<RunEvent> seen = Collections.synchronizedList(new ArrayList<>());
        run(fanOutWithARetry(), event -> {
            try {
                Thread.sleep(5); // a slow listener: a report written to a slow disk
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(event);
        });
        assertTrue(seen.getLast() instanceof RunEvent.JobFinished, seen::toString);
    }

    @Test
    void aListenerThatThrowsBecomesAWarningForTheOthersAndChangesNothingElse() {
        List<RunEvent> seen = Collections.synchronizedList(new ArrayList<>());
        RunListener broken = event -> {
            if (event instanceof RunEvent.TaskFinished) {
                throw new IllegalStateException("disk full");
            }
        };
        RunResult result = run(fanOutWithARetry(), broken, seen::add);
        assertEquals(0, result.exitCode());
        assertEquals(List.of(), result.warnings());
        long warnings = seen.stream().filter(e -> e instanceof RunEvent.Warning w
                && w.message().equals("a report listener failed on TaskFinished: IllegalStateException: disk full"))
                .count();
        assertEquals(3, warnings);
        assertEquals(3, seen.stream().filter(e -> e instanceof RunEvent.TaskFinished).count());
        assertTrue(seen.getLast() instanceof RunEvent.JobFinished);
    }

    @Test
    void listenersThatEndOnTheirOwnAreGivenTheEndAtOnce() {
        // NOTE: each waits at the end for the other to arrive: one after the other, the first would wait in vain.
        CyclicBarrier both = new CyclicBarrier(2);
        List<String> met = Collections.synchronizedList(new ArrayList<>());
        Runnable meet = () -> {
            try {
                both.await(30, TimeUnit.SECONDS);
                met.add(Thread.currentThread().getName());
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the other listener never came", e);
            }
        };
        RunResult result = run(fanOutWithARetry(), EndingOnItsOwn.doing(meet), EndingOnItsOwn.doing(meet));
        assertEquals(List.of(), result.warnings());
        assertEquals(2, met.size(), met::toString);
        assertEquals(2, Set.copyOf(met).size(), "on two threads: " + met);
    }

    @Test
    void aListenerAfterThemSeesTheEndOnlyOnceTheyAreDoneWithTheirFailuresAsWarnings() {
        CountDownLatch slowDone = new CountDownLatch(1);
        RunListener slow = EndingOnItsOwn.doing(() -> {
            try {
                Thread.sleep(50); // NOTE: a large report still being written; decides nothing by itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowDone.countDown();
        });
        RunListener broken = EndingOnItsOwn.doing(() -> {
            throw new IllegalStateException("disk full");
        });
        List<RunEvent> seen = new ArrayList<>();
        List<Long> slowLeftAtEnd = new ArrayList<>();
        RunListener summary = event -> {
            seen.add(event);
            if (event instanceof RunEvent.JobFinished) {
                slowLeftAtEnd.add(slowDone.getCount());
            }
        };
        RunResult result = run(fanOutWithARetry(), slow, broken, summary);
        assertEquals(0, result.exitCode());
        assertEquals(List.of(0L), slowLeftAtEnd, "the summary's end came before the slow report's was done");
        RunEvent beforeEnd = seen.get(seen.size() - 2);
        assertTrue(beforeEnd instanceof RunEvent.Warning w
                && w.message().equals("a report listener failed on JobFinished: IllegalStateException: disk full"),
                String.valueOf(beforeEnd));
        assertTrue(seen.getLast() instanceof RunEvent.JobFinished);
    }
}
