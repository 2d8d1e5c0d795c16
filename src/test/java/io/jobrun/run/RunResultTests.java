package io.jobrun.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jobrun.job.ItemSource;
import io.jobrun.job.RetryPolicy;
import io.jobrun.job.SourcePosition;
import io.jobrun.job.TaskBody;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.job.TaskSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whether a run succeeded, which a result works out once from its outcomes when it is made, and again from its warnings
 * and stop cause each time it is asked.
 */
class RunResultTests {
    private static final SourcePosition AT = new SourcePosition("j.groovy", 1, 1);

    private static TaskOutcome outcome(String name, boolean optional, TaskStatus status) {
        TaskSpec spec = new TaskSpec(name, "io", new TaskBody.Code(c -> null), null, RetryPolicy.none(), List.of(),
                null, null, optional, TaskCallbacks.none(), AT);
        return ended(new TaskInstance(InstanceId.single(name), name, spec, "io", null, AT), status);
    }

    /** Work that code submitted: no spec. */
    private static TaskOutcome submitted(TaskStatus status) {
        return ended(new TaskInstance(InstanceId.single("parent/io-1"), "parent/io-1", null, "io", null, AT), status);
    }

    private static TaskOutcome ended(TaskInstance instance, TaskStatus status) {
        return new TaskOutcome(instance, status, null, status.isFailure() ? new IllegalStateException("no") : null,
                List.of());
    }

    private static RunResult result(StopCause stopCause, TaskOutcome... outcomes) {
        return new RunResult(null, List.of(outcomes), Duration.ofSeconds(1), stopCause, List.of());
    }

    @Test
    void aRunIsOkWhenOnlyOptionalTasksAndSubmittedWorkFailed() {
        RunResult result = result(null, outcome("a", false, TaskStatus.OK), outcome("b", true, TaskStatus.FAILED),
                outcome("c", true, TaskStatus.SKIPPED), submitted(TaskStatus.FAILED), submitted(TaskStatus.CANCELLED),
                outcome("d", false, TaskStatus.CACHED));
        assertTrue(result.getOk());
        assertEquals(0, result.exitCode());
    }

    @Test
    void aRequiredTaskThatFailedOrDidNotRunFailsTheRun() {
        for (TaskStatus status : List.of(TaskStatus.FAILED, TaskStatus.TIMEOUT, TaskStatus.SKIPPED,
                TaskStatus.CANCELLED)) {
            RunResult result = result(null, outcome("a", false, TaskStatus.OK), outcome("b", false, status));
            assertFalse(result.getOk(), status.toString());
            assertEquals(1, result.exitCode(), status.toString());
        }
    }

    /** The callbacks' warnings come after the outcomes were gone over: they fail the run; else the outcomes decide. */
    @Test
    void warningsGivenToAResultFailTheRunAndLeaveItsOutcomesVerdict() {
        RunResult ok = result(null, outcome("a", false, TaskStatus.OK));
        assertFalse(ok.withWarnings(List.of("onSuccess threw")).getOk());
        assertEquals(1, ok.withWarnings(List.of("onSuccess threw")).exitCode());
        assertTrue(ok.withWarnings(List.of()).getOk());
        RunResult failed = result(null, outcome("a", false, TaskStatus.FAILED));
        assertFalse(failed.withWarnings(List.of()).getOk());
    }

    @Test
    void aRunStoppedBySignalOrTimeoutIsNotOkWhateverItsOutcomes() {
        RunResult interrupted = result(StopCause.INTERRUPTED, outcome("a", false, TaskStatus.OK));
        assertFalse(interrupted.getOk());
        assertEquals(130, interrupted.exitCode());
        RunResult timedOut = result(StopCause.JOB_TIMEOUT, outcome("a", false, TaskStatus.OK));
        assertFalse(timedOut.getOk());
        assertEquals(1, timedOut.exitCode());
    }
}
