package io.jobrun.job;

/** A task's own callbacks; any of them may be null. Each gets the task's {@link TaskView}. */
public record TaskCallbacks(Callback onSuccess, Callback onFailure, Callback onTimeout, Callback onDone) {
    public static TaskCallbacks none() {
        return new TaskCallbacks(null, null, null, null);
    }
}
