package io.jobrun.run;

import io.jobrun.job.Callback;
import io.jobrun.job.Job;
import io.jobrun.job.TaskCallbacks;
import io.jobrun.task.CallbackRunner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the job's callbacks off the interpreter's thread, so that a slow one delays no launch: a task's own callbacks
 * on one thread of their own, in the order the tasks finished; the job's callbacks after the last task and the last
 * task callback. A callback that throws becomes a warning, which fails the run.
 */
final class Callbacks {
    private final Job job;
    private final EventDispatcher events;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    /** Started with the first task callback; most jobs have none. The interpreter's thread only. */
    private ExecutorService thread;
    /** Where print and shell callbacks write: set before the run starts. */
    private volatile JobOutput output = JobOutput.NONE;

    Callbacks(Job job, EventDispatcher events) {
        this.job = job;
        this.events = events;
    }

    /** The variables of the run's env files: set before the run starts. */
    private volatile java.util.Map<String, String> environment = java.util.Map.of();

    void environment(java.util.Map<String, String> added) {
        this.environment = added;
    }

    void output(JobOutput jobOutput) {
        this.output = jobOutput;
    }

    /** Queues the callbacks of a task that reached its final status. */
    void taskFinished(TaskOutcome outcome) {
        if (outcome.task().spec() == null || outcome.status() == TaskStatus.NOT_SELECTED) {
            return;
        }
        TaskCallbacks callbacks = outcome.task().spec().callbacks();
        if (callbacks.onSuccess() == null && callbacks.onFailure() == null && callbacks.onTimeout() == null
                && callbacks.onDone() == null) {
            return;
        }
        if (thread == null) {
            thread = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name("jobrun-callbacks")
                    .unstarted(r));
        }
        thread.execute(() -> runTaskCallbacks(callbacks, outcome));
    }

    private void runTaskCallbacks(TaskCallbacks callbacks, TaskOutcome outcome) {
        OutcomeView view = new OutcomeView(outcome);
        switch (outcome.status()) {
            case OK -> call("onSuccess", callbacks.onSuccess(), view);
            case FAILED -> call("onFailure", callbacks.onFailure(), view);
            case TIMEOUT, LEAKED -> call("onTimeout", callbacks.onTimeout(), view);
            default -> {
            }
        }
        call("onDone", callbacks.onDone(), view);
    }

    /** Waits for every queued task callback to return. */
    void drain() {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            while (!thread.awaitTermination(1, TimeUnit.MINUTES)) {
                // a callback still runs: the run cannot report before it is done
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the job's callbacks (onFailure per failed task, then onSuccess, then always) and returns {@code result}
     * with every warning the callbacks caused, task callbacks included.
     */
    RunResult jobFinished(RunResult result) {
        for (TaskOutcome failed : result.failed()) {
            for (Callback callback : job.callbacks().onFailure()) {
                call("onFailure", callback, new OutcomeView(failed));
            }
        }
        if (result.getOk()) {
            for (Callback callback : job.callbacks().onSuccess()) {
                call("onSuccess", callback, result);
            }
        }
        for (Callback callback : job.callbacks().always()) {
            call("always", callback, result);
        }
        return result.withWarnings(warnings);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    private void call(String which, Callback callback, Object subject) {
        if (callback == null) {
            return;
        }
        try {
            CallbackRunner.run(callback, subject, environment, output.out(), output.err());
        } catch (Exception | LinkageError | StackOverflowError e) {
            String owner = subject instanceof OutcomeView task ? "of task '" + task.getName() + "' " : "";
            String warning = "callback " + which + " " + owner + "failed: " + ErrorText.of(e);
            warnings.add(warning);
            events.publish(at -> new RunEvent.Warning(at, warning));
        }
    }
}
