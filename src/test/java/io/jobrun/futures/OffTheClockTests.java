package io.jobrun.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a task does inside {@link TimeLimits#offTheClock} (start an interpreter) is not charged to its time limit, which
 * starts again in full when it returns; the task's own code still is. The off-clock part outlasts the limit several
 * times over, so only a stopped clock lets the task finish.
 */
class OffTheClockTests {
    private static final Duration LIMIT = Duration.ofMillis(100);
    private static final Duration GUARD = Duration.ofSeconds(60);

    @Test
    void preparationLongerThanTheLimitIsNotChargedToTheTask() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            Future<String> task = pool.submit(() -> TimeLimits.offTheClock(() -> {
                Thread.sleep(LIMIT.multipliedBy(5).toMillis());
                return "ready";
            }) + " and done", LIMIT);

            assertEquals("ready and done", task.result(GUARD));
        }
    }

    @Test
    void sameWorkOnTheClockTimesOut() {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            Future<String> task = pool.submit(() -> {
                Thread.sleep(LIMIT.multipliedBy(5).toMillis());
                return "ready";
            }, LIMIT);

            assertInstanceOf(FutureTimeoutException.class, task.exception(GUARD));
        }
    }

    @Test
    void theTasksOwnCodeAfterThePreparationIsStillLimited() {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            Future<String> task = pool.submit(() -> {
                TimeLimits.offTheClock(() -> "ready");
                Thread.sleep(GUARD.toMillis());
                return "never";
            }, LIMIT);

            assertInstanceOf(FutureTimeoutException.class, task.exception(GUARD));
        }
    }

    @Test
    void outsideATaskItJustRuns() throws Exception {
        assertEquals("ran", TimeLimits.offTheClock(() -> "ran"));
    }
}
