package io.jobrun.job;

import io.jobrun.job.text.Suggestions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How often a failed task is tried again and how long to wait in between.
 *
 * @param count  extra attempts after the first, 0 for none
 * @param delay  wait before the first retry
 * @param factor each later wait is the previous one times this; 1 for a fixed backoff
 * @param cap    no wait is longer than this, or null for no cap
 * @param on     which failures are retried: "timeout", "error" (any failure but a timeout),
 *               "http-4xx" or "http-5xx" (an HTTP task got such a status), or an exception's simple
 *               class name such as "IOException" (subclasses match); empty means every failure
 */
public record RetryPolicy(int count, Duration delay, double factor, Duration cap, List<String> on) {
    /** The words {@link #on} understands besides exception names. */
    public static final List<String> CONDITIONS = List.of("timeout", "error", "http-4xx", "http-5xx");

    /**
     * @throws RuleException naming the part that breaks a rule: {@code count}, {@code factor} or {@code on.N}
     */
    public RetryPolicy {
        Objects.requireNonNull(delay, "delay");
        if (count < 0) {
            throw new RuleException("count", "retries must be 0 or more, got " + count);
        }
        if (factor < 1) {
            throw new RuleException("factor", "backoff factor must be at least 1, got " + number(factor));
        }
        on = List.copyOf(on);
        for (int i = 0; i < on.size(); i++) {
            String condition = on.get(i);
            boolean exceptionName = !condition.isEmpty() && Character.isUpperCase(condition.charAt(0));
            if (!exceptionName && !CONDITIONS.contains(condition)) {
                throw new RuleException("on." + i, "unknown retry condition '" + condition + "' (expected "
                        + String.join(", ", CONDITIONS) + " or an exception name such as IOException)"
                        + Suggestions.hint(condition, CONDITIONS));
            }
        }
    }

    /** "2" for 2.0, "0.5" for 0.5. */
    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, 1, null, List.of());
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration delayBefore(int retry) {
        double nanos = delay.toNanos() * Math.pow(factor, retry - 1);
        Duration wait = nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos((long) nanos);
        return cap != null && wait.compareTo(cap) > 0 ? cap : wait;
    }

    /** Whether a failure with {@code error} may be retried; {@code timedOut} when the task ran out of time. */
    public boolean retries(Throwable error, boolean timedOut) {
        if (on.isEmpty()) {
            return true;
        }
        for (String condition : on) {
            if (condition.equals("timeout") && timedOut || condition.equals("error") && !timedOut) {
                return true;
            }
            if (error instanceof ClassifiedFailure classified && classified.matches(condition)) {
                return true;
            }
            for (Class<?> type = error == null ? null : error.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getSimpleName().equals(condition)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "2 (backoff 500ms x2 up to 5s, on timeout)" for plans. */
    public String describe() {
        if (count == 0) {
            return "0";
        }
        StringBuilder text = new StringBuilder().append(count);
        if (!delay.isZero()) {
            text.append(" (backoff ").append(Durations.describe(delay));
            if (factor != 1) {
                text.append(" x").append(number(factor));
            }
            if (cap != null) {
                text.append(" up to ").append(Durations.describe(cap));
            }
            text.append(')');
        }
        if (!on.isEmpty()) {
            text.append(" on ").append(String.join(", ", on));
        }
        return text.toString();
    }
}
