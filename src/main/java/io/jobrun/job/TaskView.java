package io.jobrun.job;

/** What a callback sees of a finished task. Getters so that scripts read {@code t.name}, {@code t.error.message}. */
public interface TaskView {
    String getName();

    /** "ok", "failed", "timeout", "cancelled", "skipped" or "leaked". */
    String getStatus();

    Object getResult();

    /** The failure, or null when the task succeeded. */
    Throwable getError();

    int getAttempts();

    /** "1.25s". */
    String getDuration();
}
