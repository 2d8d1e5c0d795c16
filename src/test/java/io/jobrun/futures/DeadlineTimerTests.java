package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The timer behind time limits: deadlines fire, cancelled ones do not, and neither errors nor a dead thread stop it. */
class DeadlineTimerTests {
    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "test-deadline-timer");
        thread.setDaemon(true);
        return thread;
    };

    @Test
    void everyAlarmFiresOnceAndACancelledOneLeavesTheTimer() {
        DeadlineTimer timer = new DeadlineTimer(DAEMONS);
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger firedCancelled = new AtomicInteger();
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            if (i % 2 == 0) {
                // Due long after the test, so only the cancel can take it out of the timer.
                timer.schedule(millis(600_000 + random.nextInt(1000)), firedCancelled::incrementAndGet).cancel();
            } else {
                timer.schedule(millis(random.nextInt(30)), fired::incrementAndGet);
            }
        }
        Await.until(() -> fired.get() == 5_000, "every alarm not cancelled to fire");
        Await.until(() -> timer.pending() == 0, "the timer to hold nothing more");
        assertEquals(0, firedCancelled.get());
        assertEquals(5_000, fired.get());
    }

    @Test
    void anAlarmDueEarlierThanTheOneWaitedForFiresFirst() {
        DeadlineTimer timer = new DeadlineTimer(DAEMONS);
        CountDownLatch late = new CountDownLatch(1);
        CountDownLatch early = new CountDownLatch(1);
        timer.schedule(millis(60_000), late::countDown);
        timer.schedule(0, early::countDown);
        Await.await(early);
        assertEquals(1, late.getCount());
    }

    @Test
    void actionFailingWithOutOfMemoryErrorRunsAgainUntilItCompletes() {
        DeadlineTimer timer = new DeadlineTimer(DAEMONS);
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        timer.schedule(0, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new OutOfMemoryError("simulated");
            }
            done.countDown();
        });
        Await.await(done);
        assertEquals(3, attempts.get());
    }

    @Test
    void actionFailingWithAnythingElseIsLoggedAndNotRepeated() {
        DeadlineTimer timer = new DeadlineTimer(DAEMONS);
        AtomicInteger attempts = new AtomicInteger();
        timer.schedule(0, () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug in an action");
        });
        CountDownLatch after = new CountDownLatch(1);
        timer.schedule(millis(3 * DeadlineTimer.RETRY_NANOS / 1_000_000), after::countDown);
        Await.await(after);
        assertEquals(1, attempts.get());
    }

    @Test
    void aTimerWhoseThreadDiedStartsANewOneAtTheNextScheduleAndFiresWhatWasPending() {
        List<Thread> made = new ArrayList<>();
        DeadlineTimer timer = new DeadlineTimer(runnable -> {
            // The first thread dies at once, as if an error had escaped its loop.
            Thread thread = new Thread(made.isEmpty() ? () -> { } : runnable, "test-deadline-timer-" + made.size());
            thread.setDaemon(true);
            made.add(thread);
            return thread;
        });
        CountDownLatch pending = new CountDownLatch(1);
        timer.schedule(0, pending::countDown);
        Await.join(made.get(0));
        assertEquals(1, pending.getCount(), "nothing fired while the timer had no thread");

        CountDownLatch next = new CountDownLatch(1);
        timer.schedule(0, next::countDown);
        Await.await(pending);
        Await.await(next);
        assertEquals(2, made.size());
        assertFalse(made.get(0).isAlive());
    }

    private static long millis(long millis) {
        return millis * 1_000_000;
    }
}
