package io.jobrun.run;

/**
 * Why the runner ended a task instance that did not end by itself: skipped because a dependency did not succeed, or
 * still running when it had to be gone. The message is the whole story; the report prints no class name with it.
 */
public final class RunnerDecision extends RuntimeException {
    public RunnerDecision(String message) {
        super(message, null, false, false);
    }
}
