package io.jobrun.job;

/** What a callback sees of a finished task. Getters so that scripts read {@code t.name}, {@code t.error.message}. */
public interface TaskView {
    /** Every status a task can end with, as {@link #getStatus()} gives it and a job file compares it. */
    java.util.List<String> STATUSES = java.util.List.of("ok", "cached", "failed", "timeout", "cancelled", "skipped", "leaked",
            "lost", "not selected");

    String getName();

    /** One of {@link #STATUSES}. */
    String getStatus();

    Object getResult();

    /** The failure, or null when the task succeeded. */
    Throwable getError();

    int getAttempts();

    /** The time its attempts ran, added up; prints as "1.25s". */
    Elapsed getDuration();
}
