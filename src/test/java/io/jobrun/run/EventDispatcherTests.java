package io.jobrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * When the listeners' thread delivers what was published (at the end of each window, or when told to deliver soon),
 * and to whom.
 */
class EventDispatcherTests {
    /** A dispatcher whose window is an hour: what it delivers within a test, it did not wait for the window to. */
    private static EventDispatcher hourly(RunListener listener) {
        EventDispatcher events = new EventDispatcher(Ticker.SYSTEM, TimeUnit.HOURS.toMillis(1));
        events.add(listener);
        events.start();
        return events;
    }

    @Test
    void whatIsQueuedWaitsForTheWindowUnlessTheRunIsEnding() throws InterruptedException {
        CountDownLatch delivered = new CountDownLatch(3);
        EventDispatcher events = hourly(event -> delivered.countDown());
        for (int i = 0; i < 3; i++) {
            events.publish(at -> new RunEvent.Warning(at, "w"));
        }
        assertFalse(delivered.await(100, TimeUnit.MILLISECONDS), "nothing delivered before the window");
        events.deliverSoon();
        assertTrue(delivered.await(60, TimeUnit.SECONDS), "delivered once told the run's tasks are over");
        events.close();
    }

    @Test
    void aListenerThatDoesNotFollowAttemptsIsGivenEverythingButTheirStarts() throws InterruptedException {
        List<String> endsOnly = new CopyOnWriteArrayList<>();
        List<String> everything = new CopyOnWriteArrayList<>();
        CountDownLatch warned = new CountDownLatch(2);
        EventDispatcher events = new EventDispatcher(Ticker.SYSTEM, TimeUnit.HOURS.toMillis(1));
        events.add(new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                endsOnly.add(event.getClass().getSimpleName());
                warned.countDown();
            }

            @Override
            public AttemptStarts attemptStarts() {
                return AttemptStarts.NONE;
            }
        });
        events.add(event -> everything.add(event.getClass().getSimpleName()));
        events.start();
        events.publish(at -> new RunEvent.AttemptStarted(at, null, 1, "pool_0"));
        events.publish(at -> new RunEvent.Warning(at, "w"));
        events.publish(at -> new RunEvent.AttemptStarted(at, null, 2, "pool_1"));
        events.publish(at -> new RunEvent.Warning(at, "w"));
        events.close();
        assertTrue(warned.await(60, TimeUnit.SECONDS));
        assertEquals(List.of("Warning", "Warning"), endsOnly);
        assertEquals(List.of("AttemptStarted", "Warning", "AttemptStarted", "Warning"), everything);
    }

    /** A run of {@code job} with one listener: how many events the run published, and how many the listener was given. */
    private static long[] publishedAndDelivered(Job job, AttemptStarts starts) {
        AtomicLong delivered = new AtomicLong();
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.addListener(new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                delivered.incrementAndGet();
            }

            @Override
            public AttemptStarts attemptStarts() {
                return starts;
            }
        });
        assertEquals(0, interpreter.run().exitCode());
        return new long[] {interpreter.eventsPublished(), delivered.get()};
    }

    private static Job fanOut(int size) {
        List<Object> items = new ArrayList<>(IntStream.range(0, size).boxed().toList());
        return Jobs.job(Jobs.over(Jobs.task("a", c -> c.input()), items));
    }

    @Test
    void aRunWhoseListenersFollowNoAttemptPublishesNoAttemptStart() {
        long[] counts = publishedAndDelivered(fanOut(1_000), AttemptStarts.NONE);
        assertEquals(counts[0], counts[1], "every event published was delivered: none was made only to be dropped");
        assertTrue(counts[0] >= 1_000, "each task's end is still published: " + counts[0]);
    }

    @Test
    void aRunWithAListenerThatFollowsAttemptsPublishesEachStart() {
        long[] without = publishedAndDelivered(fanOut(1_000), AttemptStarts.NONE);
        long[] with = publishedAndDelivered(fanOut(1_000), AttemptStarts.EVERY);
        assertEquals(without[0] + 1_000, with[0], "one start per attempt more");
        assertEquals(with[0], with[1]);
    }

    /** An event held for the dispatcher, as an attempt holds its start. */
    private static final class HeldEvent implements EventDispatcher.Held {
        private final AtomicReference<RunEvent> event;

        HeldEvent(RunEvent event) {
            this.event = new AtomicReference<>(event);
        }

        @Override
        public RunEvent take() {
            return event.getAndSet(null);
        }
    }

    @Test
    void aHeldEventWithdrawnBeforeTheThreadTakesItIsNeverDelivered() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch delivered = new CountDownLatch(1);
        EventDispatcher events = hourly(event -> {
            seen.add(event instanceof RunEvent.Warning warning ? warning.message() : "other");
            delivered.countDown();
        });
        HeldEvent kept = new HeldEvent(new RunEvent.Warning(1, "kept"));
        HeldEvent withdrawn = new HeldEvent(new RunEvent.Warning(2, "withdrawn"));
        events.hold(kept);
        events.hold(withdrawn);
        assertEquals("withdrawn", ((RunEvent.Warning) withdrawn.take()).message());
        events.deliverSoon();
        assertTrue(delivered.await(60, TimeUnit.SECONDS));
        events.close();
        assertEquals(List.of("kept"), seen);
    }

    @Test
    void aHeldEventComesBeforeTheRunsEnd() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EventDispatcher events = hourly(event -> seen.add(event.getClass().getSimpleName()));
        events.hold(new HeldEvent(new RunEvent.AttemptStarted(1, null, 1, "pool_0")));
        events.publish(at -> new RunEvent.JobFinished(at, null));
        events.close();
        assertEquals(List.of("AttemptStarted", "JobFinished"), seen);
    }

    @Test
    void anAttemptsEndTakesItsStartIfTheListenersThreadHasNot() {
        Attempt attempt = new Attempt(null, 1, "pool", 0, null, null);
        attempt.holdStart(new RunEvent.AttemptStarted(1, null, 1, "pool_0"));
        attempt.record(5, TaskStatus.OK, null);
        assertNull(attempt.take(), "the start of an attempt that ended is not delivered after it");
    }

    @Test
    void aListenerOfStartsStillRunningIsGivenTheStartOfAnAttemptStillRunning() {
        CountDownLatch startSeen = new CountDownLatch(1);
        List<String> seen = new CopyOnWriteArrayList<>();
        Job job = Jobs.job(Jobs.task("long", c -> {
            if (!startSeen.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("its start was not delivered while it ran");
            }
            return 1;
        }));
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        interpreter.addListener(new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                seen.add(event.getClass().getSimpleName());
                if (event instanceof RunEvent.AttemptStarted) {
                    startSeen.countDown();
                }
            }

            @Override
            public AttemptStarts attemptStarts() {
                return AttemptStarts.STILL_RUNNING;
            }
        });
        assertEquals(0, interpreter.run().exitCode());
        assertEquals(List.of("JobStarted", "AttemptStarted", "TaskFinished", "StateChanged", "JobFinished"), seen);
    }
}
