package io.jobrun.run;

import static io.jobrun.run.Jobs.after;
import static io.jobrun.run.Jobs.job;
import static io.jobrun.run.Jobs.over;
import static io.jobrun.run.Jobs.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void workPerFinishOfAFanOutIsTheSameForATenfoldLargerJob() {
        double small = stepsPerFinish(fanOut(2_000));
        double large = stepsPerFinish(fanOut(20_000));
        assertTrue(large <= small * 1.05, () -> "steps per finish grew from " + small + " to " + large);
    }

    @Test
    void workPerFinishOfTwoFanOutsJoinedByAfterIsTheSameForATenfoldLargerJob() {
        double small = stepsPerFinish(twoFanOutsJoinedByAfter(2_000));
        double large = stepsPerFinish(twoFanOutsJoinedByAfter(20_000));
        assertTrue(large <= small * 1.05, () -> "steps per finish grew from " + small + " to " + large);
    }

    @Test
    void aDependentSeesTheWholeFanOutAsOneReadOnlyList() {
        Interpreter interpreter = new Interpreter(twoFanOutsJoinedByAfter(1_000), ExecutorRegistry.STANDARD,
                Ticker.SYSTEM);
        RunResult result = interpreter.run();
        TaskOutcome total = result.outcomes().get(result.outcomes().size() - 1);
        assertEquals(1_000, total.result());
    }
}
