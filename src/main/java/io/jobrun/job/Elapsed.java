package io.jobrun.job;

import io.jobrun.job.expr.ExpressionValue;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A length of time as a job file's callbacks see it (a task's {@code duration}, a run's {@code wall}): it prints as
 * the report does ({@code 2m35s}) and offers numbers to compute with, {@code seconds} and {@code millis}, and the
 * {@link Duration} itself ({@code duration}, {@code toDuration()}), so that nobody parses text. YAML templates read
 * the same: {@code ${task.duration.seconds}}.
 *
 * <p>Why not a {@link Duration} itself: a Duration prints {@code PT2M35S}, and its {@code seconds} are whole seconds
 * and it has no {@code millis}, so a callback that printed or computed with it would read differently from the report.
 * What a Duration offers that users reach for, ordering against another length of time, this value offers too: it
 * compares with a Duration as with another Elapsed ({@code t.duration > Duration.ofSeconds(2)} in Groovy).
 */
public record Elapsed(Duration duration) implements Comparable<Object>, ExpressionValue {
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

    /** The same length of time as a {@link Duration}, for APIs that take one. */
    public Duration toDuration() {
        return duration;
    }

    @Override
    public Map<String, Object> properties() {
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("seconds", getSeconds());
        properties.put("millis", getMillis());
        return properties;
    }

    /**
     * Orders against another Elapsed or a {@link Duration}.
     *
     * <p>NOTE: Comparable of Object, not of Elapsed: Groovy's {@code <}, {@code >} and {@code ==} call
     * {@code compareTo(Object)} with the right-hand value as it is, so a Duration there must be accepted here.
     */
    @Override
    public int compareTo(Object other) {
        if (other instanceof Elapsed elapsed) {
            return duration.compareTo(elapsed.duration);
        }
        if (other instanceof Duration length) {
            return duration.compareTo(length);
        }
        throw new ClassCastException("a duration compares with another duration, not with "
                + (other == null ? "null" : other.getClass().getName()));
    }

    @Override
    public String toString() {
        return Durations.format(duration);
    }
}
