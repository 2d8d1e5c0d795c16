package io.jobrun.run;

import io.jobrun.job.Callback;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.task.CallbackRunner;

/** Runs a task's own callbacks once it has its final status; a callback that throws becomes a warning. */
final class TaskCallbackRunner {
    private TaskCallbackRunner() {
    }

    static void run(TaskOutcome outcome, EventBus events, JobOutput output) {
        if (outcome.task().spec() == null) {
            return;
        }
        TaskCallbacks callbacks = outcome.task().spec().callbacks();
        switch (outcome.status()) {
            case OK -> call("onSuccess", callbacks.onSuccess(), outcome, events, output);
            case FAILED -> call("onFailure", callbacks.onFailure(), outcome, events, output);
            case TIMEOUT, LEAKED -> call("onTimeout", callbacks.onTimeout(), outcome, events, output);
            default -> {
            }
        }
        call("onDone", callbacks.onDone(), outcome, events, output);
    }

    static void call(String which, Callback callback, Object subject, EventBus events, JobOutput output) {
        if (callback == null) {
            return;
        }
        try {
            CallbackRunner.run(callback, subject, output.out(), output.err());
        } catch (Exception | LinkageError | StackOverflowError e) {
            String owner = subject instanceof TaskOutcome outcome ? "of task '" + outcome.task().name() + "' " : "";
            events.warn("callback " + which + " " + owner + "failed: " + ErrorText.of(e));
        }
    }
}
