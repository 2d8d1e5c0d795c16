package io.jobrun.job;

import io.jobrun.job.expr.ExpressionValue;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A length of time as a job file's callbacks see it (a task's {@code duration}, a run's {@code wall}): it prints as
 * the report does ({@code 2m35s}) and offers numbers to compute with, {@code seconds} and {@code millis}, and the
 * {@link Duration} itself, so that nobody parses text. YAML templates read the same: {@code ${task.duration.seconds}}.
 */
public record Elapsed(Duration duration) implements Comparable<Elapsed>, ExpressionValue {
    public Elapsed {
        Objects.requireNonNull(duration, "duration");
    }

    /** Seconds with their fraction: 1.25 for 1250 ms. */
    public double getSeconds() {
        return duration.toNanos() / 1e9;
    }

    public long getMillis() {
        return duration.toMillis();
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("seconds", getSeconds());
        properties.put("millis", getMillis());
        return properties;
    }

    @Override
    public int compareTo(Elapsed other) {
        return duration.compareTo(other.duration);
    }

    @Override
    public String toString() {
        return Durations.format(duration);
    }
}
