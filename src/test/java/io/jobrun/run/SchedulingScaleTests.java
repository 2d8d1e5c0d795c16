package io.jobrun.run;

import static io.jobrun.run.Jobs.after;
import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.executors.ExecutorRegistry;
import io.jobrun.job.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The scheduling work per finished task does not grow with the size of the job. Work is counted (every instance,
 * spec, waiter and message the interpreter touches), never timed.
 */
@Timeout(120)
class SchedulingScaleTests {
    private static List<Object> items(int count) {
        return new ArrayList<>(IntStream.range(0, count).boxed().toList());
    }

    /** Scheduling steps per finished task instance of one run of {@code job}. */
    private static double stepsPerFinish(Job job) {
        Interpreter interpreter = new Interpreter(job, ExecutorRegistry.STANDARD, Ticker.SYSTEM);
        RunResult result = interpreter.run();
        assertEquals(0, result.exitCode());
        return (double) interpreter.schedulingSteps() / result.outcomes().size();
    }

    private static Job fanOut(int size) {
        return job(over(task("square", c -> (int) c.input() * (int) c.input()), items(size)));
    }

    private static Job twoFanOutsJoinedByAfter(int size) {
        return job(over(task("a", c -> c.input()), items(size)),
                after(over(task("b", c -> c.input()), items(size)), null, "a"),
                after(task("total", c -> ((List<?>) c.results().get("b")).size()), null, "b"));
    }

    /** Every instance of {@code job} ended ok, and the run booked {@code expected} of them. */
    private static void assertAllOk(RunResult result, int expected) {
        assertEquals(expected, result.outcomes().size());
        assertEquals(expected, result.outcomes().stream().filter(o -> o.status() == TaskStatus.OK).count());
    }

    @Test
    void workPerFinishOfAFanOutOf100000ItemsIsTheSameAsOf1000() {
        double small = stepsPerFinish(fanOut(1_000));
        double large = stepsPerFinish(fanOut(100_000));
        assertTrue(large <= small * 1.05, () -> "steps per finish grew from " + small + " to " + large);
    }

    @Test
    void workPerFinishOfTwoFanOutsJoinedByAfterIsTheSameForATenfoldLargerJob() {
        double small = stepsPerFinish(twoFanOutsJoinedByAfter(2_000));
        double large = stepsPerFinish(twoFanOutsJoinedByAfter(20_000));
        assertTrue(large <= small * 1.05, () -> "steps per finish grew from " + small + " to " + large);
    }

    /** Two fan-outs of 5,000 joined by one after: never finished while readiness was a rescan per message. */
    @Test
    void twoFanOutsOf5000JoinedByAfterFinishWithWorkPerFinishOfTwoOf500() {
        Interpreter interpreter = new Interpreter(twoFanOutsJoinedByAfter(5_000), ExecutorRegistry.STANDARD,
                Ticker.SYSTEM);
        RunResult result = interpreter.run();
        assertAllOk(result, 10_001);
        assertEquals(5_000, result.outcomes().get(result.outcomes().size() - 1).result());
        double large = (double) interpreter.schedulingSteps() / result.outcomes().size();
        double small = stepsPerFinish(twoFanOutsJoinedByAfter(500));
        assertTrue(large <= small * 1.05, () -> "steps per finish grew from " + small + " to " + large);
    }

    @Test
    void aDependentSeesTheWholeFanOutAsOneReadOnlyList() {
        Job job = job(over(task("a", c -> c.input()), items(1_000)),
                after(task("total", c -> {
                    List<?> a = (List<?>) c.results().get("a");
                    assertThrows(UnsupportedOperationException.class, () -> c.results().put("a", null));
                    assertThrows(UnsupportedOperationException.class, () -> a.remove(0));
                    return a.size();
                }), null, "a"));
        var recorded = Jobs.run(job);
        assertEquals(TaskStatus.OK, recorded.status("total"), () -> String.valueOf(recorded.outcome("total").error()));
        assertEquals(1_000, recorded.outcome("total").result());
    }

    @Test
    void everyAttemptOfATaskSeesTheSameResultsMapNotACopy() {
        List<Object> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Job job = job(task("a", c -> 1),
                after(Jobs.retry(task("flaky", c -> {
                    seen.add(c.results());
                    if (seen.size() < 3) {
                        throw new IllegalStateException("try again");
                    }
                    return 2;
                }), new io.jobrun.job.RetryPolicy(2, java.time.Duration.ZERO, 1, null, List.of())), null, "a"));
        var recorded = Jobs.run(job);
        assertEquals(TaskStatus.OK, recorded.status("flaky"));
        assertEquals(3, seen.size());
        assertSame(seen.get(0), seen.get(1));
        assertSame(seen.get(1), seen.get(2));
    }
}
