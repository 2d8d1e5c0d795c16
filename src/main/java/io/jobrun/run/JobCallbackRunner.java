package io.jobrun.run;

import io.jobrun.job.Callback;
import io.jobrun.job.Job;

/** Runs the job's callbacks after the last task: onFailure per failed task, then onSuccess, then always. */
final class JobCallbackRunner {
    private final Job job;
    private final EventBus events;

    JobCallbackRunner(Job job, EventBus events) {
        this.job = job;
        this.events = events;
    }

    /** Runs the callbacks and returns {@code result} with any warnings they caused. */
    RunResult run(RunResult result) {
        for (TaskOutcome failed : result.getFailed()) {
            for (Callback callback : job.callbacks().onFailure()) {
                TaskCallbackRunner.call("onFailure", callback, failed, events);
            }
        }
        if (result.getOk()) {
            for (Callback callback : job.callbacks().onSuccess()) {
                TaskCallbackRunner.call("onSuccess", callback, result, events);
            }
        }
        for (Callback callback : job.callbacks().always()) {
            TaskCallbackRunner.call("always", callback, result, events);
        }
        return new RunResult(result.job(), result.outcomes(), result.wallTime(), result.stopCause(),
                events.warnings());
    }
}
