package io.jobrun.job;

import io.jobrun.job.expr.ExpressionValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a callback sees of a finished task. Getters so that scripts read {@code t.name}, {@code t.error.message}; the
 * same names for YAML expressions ({@code ${task.duration}}).
 */
public interface TaskView extends ExpressionValue {
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

    @Override
    default Map<String, Object> properties() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", getName());
        view.put("status", getStatus());
        view.put("result", getResult());
        view.put("error", getError());
        view.put("attempts", getAttempts());
        view.put("duration", getDuration());
        return view;
    }
}
