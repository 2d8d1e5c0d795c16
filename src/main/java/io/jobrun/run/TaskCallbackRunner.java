package io.jobrun.run;

import io.jobrun.job.Callback;
import io.jobrun.job.TaskCallbacks;

/** Runs a task's own callbacks once it has its final status; a callback that throws becomes a warning. */
final class TaskCallbackRunner {
    private TaskCallbackRunner() {
    }

    static void run(TaskOutcome outcome, EventBus events) {
        if (outcome.task().spec() == null) {
            return;
        }
        TaskCallbacks callbacks = outcome.task().spec().callbacks();
        switch (outcome.status()) {
            case OK -> call("onSuccess", callbacks.onSuccess(), outcome, events);
            case FAILED -> call("onFailure", callbacks.onFailure(), outcome, events);
            case TIMEOUT, LEAKED -> call("onTimeout", callbacks.onTimeout(), outcome, events);
            default -> {
            }
        }
        call("onDone", callbacks.onDone(), outcome, events);
    }

    static void call(String which, Callback callback, Object subject, EventBus events) {
        if (callback == null) {
            return;
        }
        try {
            callback.call(subject);
        } catch (Exception | LinkageError | StackOverflowError e) {
            String owner = subject instanceof TaskOutcome outcome ? "of task '" + outcome.task().name() + "' " : "";
            events.warn("callback " + which + " " + owner + "failed: " + ErrorText.of(e));
        }
    }
}
