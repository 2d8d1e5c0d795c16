package io.jobrun.run;

/**
 * Records the first launch of each instance of a task whose effect must not happen twice ({@code once: true}), on the
 * interpreter's thread, so that a run killed at any moment after leaves the record that the instance was running and a
 * resume does not run it again unasked. See {@code --resume}.
 *
 * <p>Recording is in two steps so that the launches of one scheduling step share one wait for the disk: each is told
 * ({@link #launching}), then the interpreter waits for all of them at once ({@link #onDisk}) before any of them
 * launches. A fan-out of {@code once} items thus pays a force per step of launches, not one per item.
 */
public interface OnceLaunches {
    /** Nothing is recorded. */
    OnceLaunches NONE = new OnceLaunches() {
        @Override
        public void launching(TaskInstance instance, long at) {
        }

        @Override
        public void onDisk() {
        }
    };

    /** {@code instance} is about to launch, at {@code at} on the run's ticker; need not be on disk yet. */
    void launching(TaskInstance instance, long at);

    /** Returns once every launch told so far is on disk (or cannot be, which the recorder reports itself). */
    void onDisk();
}
