package io.jobrun.run;

/**
 * Told just before an instance of a task whose effect must not happen twice ({@code once: true}) first launches, on
 * the interpreter's thread; returns once the launch is on disk (or cannot be), so that a run killed at any moment after
 * leaves the record that the instance was running, and a resume does not run it again unasked. See {@code --resume}.
 */
@FunctionalInterface
public interface OnceLaunches {
    /** Nothing is recorded. */
    OnceLaunches NONE = (instance, at) -> { };

    /** {@code instance} launches at {@code at}, on the run's ticker. */
    void launching(TaskInstance instance, long at);
}
